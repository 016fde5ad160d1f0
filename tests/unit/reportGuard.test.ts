/**
 * The board guard on the report's content (server/workshop/guard.ts with reportGuard.ts, SPEC
 * RC3): a participant's update touching it is refused whatever it does; a facilitator's keeps
 * to its shape and bounds. Generated hostile updates never leave an unreadable report.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, type Writer } from '../../server/workshop/guard';
import { REPORT_ROOTS } from '../../shared/model/limits';
import { editReportText, removeClusterProfile, setClusterProfile, setReportSettings } from '../../shared/model/mutations/report';
import { serverOrigin } from '../../shared/model/origin';
import {
  PROFILES_MAX,
  readReportContent,
  readReportSource,
  reportProfilesMap,
  reportSettingsMap,
  reportText,
} from '../../shared/model/reportContent';
import { CLUSTER_PROFILE_MAX, REPORT_SETTINGS_MAX } from '../../shared/model/schema';
import { REPORT_TEXT_MAX } from '../../shared/report/textBlocks';
import { createBoardContent } from '../../shared/templates/index';
import type { WorkshopRules } from '../../shared/workshop/writeRule';
import { alice, aliceOrigin } from './support';

const OPEN: WorkshopRules = { lock: { board: false, dimensions: [] }, privateWriting: false };
const FACILITATOR: Writer = { role: 'facilitator', personId: 'frida' };
const PARTICIPANT: Writer = { role: 'participant', personId: alice.id };

function serverBoard(): Y.Doc {
  const doc = new Y.Doc();
  createBoardContent(doc, { title: 'Deliverable', template: 'excite-d1.4' }, serverOrigin('template'));
  editReportText(doc, 'introduction', 'Lead\n- one', aliceOrigin);
  return doc;
}

/** The update a client sends for `change`, made on a copy of the server's board; null when it wrote nothing. */
function updateFor(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array | null {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => updates.push(update));
  client.transact(() => change(client));
  client.destroy();
  return updates.length === 0 ? null : Y.mergeUpdates(updates);
}

function verdict(server: Y.Doc, writer: Writer, change: (client: Y.Doc) => void) {
  const update = updateFor(server, change);
  if (!update) throw new Error('the change wrote nothing');
  return checkUpdate(server, update, writer, OPEN);
}

const MUTATIONS: [string, (doc: Y.Doc) => void][] = [
  ['sets the cover', (doc) => setReportSettings(doc, { title: 'Mine now' }, aliceOrigin)],
  ['adds a profile', (doc) => setClusterProfile(doc, 'other:Acme', { fullName: 'Acme' }, aliceOrigin)],
  ['edits a profile', (doc) => setClusterProfile(doc, 'gaia', { created: '1999' }, aliceOrigin)],
  ['removes a profile', (doc) => removeClusterProfile(doc, 'gaia', aliceOrigin)],
  ['types into the introduction', (doc) => editReportText(doc, 'introduction', 'Lead\n- one\n- two', aliceOrigin)],
  ['deletes from the introduction', (doc) => editReportText(doc, 'introduction', 'Lead', aliceOrigin)],
  ['writes the first conclusion', (doc) => editReportText(doc, 'conclusion', 'The end.', aliceOrigin)],
];

describe("who may write the report's content", () => {
  it.each(MUTATIONS)("[RC3] a participant's update that %s is refused", (_name, change) => {
    expect(verdict(serverBoard(), PARTICIPANT, change)).toEqual({
      ok: false,
      reason: "only facilitators change the report's content",
      problem: { code: 'sync.reportFacilitatorOnly' },
    });
  });

  it.each(MUTATIONS)("[RC3] a facilitator's update that %s is let through", (_name, change) => {
    expect(verdict(serverBoard(), FACILITATOR, change)).toEqual({ ok: true });
  });
});

describe('the shape and bounds every writer keeps to', () => {
  const refused = (change: (doc: Y.Doc) => void, reason: RegExp) => {
    const result = verdict(serverBoard(), FACILITATOR, change);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  };

  it('[RC3] a cover field past its maximum, or a nested type, is refused', () => {
    refused((doc) => reportSettingsMap(doc).set('title', 't'.repeat(REPORT_SETTINGS_MAX.title + 1)), /title holds at most 200/);
    refused((doc) => reportSettingsMap(doc).set('funding', new Y.Map()), /must be a plain value/);
    refused((doc) => reportSettingsMap(doc).set('date', 7), /must be text/);
  });

  it('[RC3] a profile under a key that is no cluster, not a map, with a long or nested field, is refused', () => {
    refused((doc) => reportProfilesMap(doc).set('atlantis', new Y.Map()), /partner cluster/);
    refused((doc) => reportProfilesMap(doc).set('other:Acme', 'plain'), /must be a map/);
    refused(
      (doc) => (reportProfilesMap(doc).get('gaia') as Y.Map<unknown>).set('location', 'l'.repeat(CLUSTER_PROFILE_MAX.location + 1)),
      /location holds at most/,
    );
    refused((doc) => (reportProfilesMap(doc).get('gaia') as Y.Map<unknown>).set('deep', new Y.Map()), /plain value/);
  });

  it('[RC3] the introduction holds plain characters only: formatting, embeds and map entries are refused', () => {
    refused((doc) => reportText(doc, 'introduction').format(0, 2, { bold: true }), /plain text only/);
    refused((doc) => reportText(doc, 'introduction').insertEmbed(0, { image: 'x' }), /plain text only/);
    refused((doc) => doc.getMap(REPORT_ROOTS.conclusion).set('x', 1), /plain text only/);
  });

  it('[RC3] a text may not grow past REPORT_TEXT_MAX, in one update or several; cutting one always passes', () => {
    const server = serverBoard();
    const stored = readReportSource(server).introduction.length;
    refused((doc) => reportText(doc, 'introduction').insert(0, 'x'.repeat(REPORT_TEXT_MAX)), /at most 20,000 characters each/);
    const fill = updateFor(server, (doc) => reportText(doc, 'introduction').insert(0, 'x'.repeat(REPORT_TEXT_MAX - stored)));
    expect(checkUpdate(server, fill!, FACILITATOR, OPEN)).toEqual({ ok: true });
    Y.applyUpdate(server, fill!);
    expect(verdict(server, FACILITATOR, (doc) => reportText(doc, 'introduction').insert(0, 'y')).ok).toBe(false);
    // Replacing a character with another keeps the length: allowed at the limit.
    expect(verdict(server, FACILITATOR, (doc) => reportText(doc, 'introduction').delete(0, 1)).ok).toBe(true);
  });

  it('[RC3] a board keeps to PROFILES_MAX profiles', () => {
    refused((doc) => {
      for (let i = 0; i <= PROFILES_MAX; i++) reportProfilesMap(doc).set(`other:C${i}`, new Y.Map());
    }, /at most 200 cluster profiles/);
  });
});

// ---- Generated updates ----

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.nat(4).map((n) => 's'.repeat([0, 60, 200, 201, 1_001][n] ?? 0)),
  fc.constantFrom(null, true, 3, Number.NaN, '2026-12-02'),
  fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown),
);
const settingName = fc.constantFrom('title', 'date', 'funding', 'editor', 'other', 'x'.repeat(70));
const profileKey = fc.constantFrom('gaia', 'scs', 'other:Acme', 'atlantis', 'other:', 'other: Acme ');
const profileField = fc.constantFrom('fullName', 'location', 'created', 'deep');

const op = fc.oneof(
  fc.record({ type: fc.constant('setting' as const), name: settingName, value: hostile, nested: fc.boolean() }),
  fc.record({ type: fc.constant('profile' as const), key: profileKey, field: profileField, value: hostile, plainRecord: fc.boolean() }),
  fc.record({ type: fc.constant('removeProfile' as const), key: profileKey }),
  fc.record({
    type: fc.constant('type' as const),
    text: fc.constantFrom('introduction' as const, 'conclusion' as const),
    at: fc.nat(30),
    remove: fc.nat(40),
    length: fc.oneof(fc.nat(50), fc.constantFrom(REPORT_TEXT_MAX - 20, REPORT_TEXT_MAX + 5)),
    format: fc.boolean(),
  }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(doc: Y.Doc, operation: Op): void {
  switch (operation.type) {
    case 'setting':
      reportSettingsMap(doc).set(operation.name, operation.nested ? new Y.Map([['v', operation.value]]) : operation.value);
      return;
    case 'profile': {
      const profiles = reportProfilesMap(doc);
      const existing = profiles.get(operation.key);
      if (operation.plainRecord) profiles.set(operation.key, operation.value);
      else if (existing instanceof Y.Map) existing.set(operation.field, operation.value);
      else profiles.set(operation.key, new Y.Map([[operation.field, operation.value]]));
      return;
    }
    case 'removeProfile':
      reportProfilesMap(doc).delete(operation.key);
      return;
    case 'type': {
      const text = reportText(doc, operation.text);
      const at = Math.min(operation.at, text.length);
      text.delete(at, Math.min(operation.remove, text.length - at));
      text.insert(at, 'k'.repeat(operation.length));
      if (operation.format) text.format(0, 1, { bold: true });
      return;
    }
  }
}

/** The report as stored is within its shape and bounds, and the reader reads it. */
function expectValidReport(doc: Y.Doc): void {
  for (const [name, value] of reportSettingsMap(doc).entries()) {
    expect(value instanceof Y.AbstractType, name).toBe(false);
    if (name in REPORT_SETTINGS_MAX)
      expect(typeof value === 'string' && value.length <= REPORT_SETTINGS_MAX[name as keyof typeof REPORT_SETTINGS_MAX], name).toBe(true);
  }
  for (const [key, value] of reportProfilesMap(doc).entries()) {
    expect(value, key).toBeInstanceOf(Y.Map);
    for (const [field, fieldValue] of (value as Y.Map<unknown>).entries()) expect(fieldValue instanceof Y.AbstractType, field).toBe(false);
  }
  for (const name of ['introduction', 'conclusion'] as const) {
    expect(reportText(doc, name).length).toBeLessThanOrEqual(REPORT_TEXT_MAX);
    expect(
      reportText(doc, name)
        .toDelta()
        .every((part: { attributes?: unknown }) => part.attributes === undefined),
    ).toBe(true);
  }
  expect(() => readReportContent(doc)).not.toThrow();
}

const seen = { accepted: 0, refused: 0 };

function property(writer: Writer) {
  return fc.property(fc.array(op, { minLength: 1, maxLength: 4 }), (operations) => {
    const server = serverBoard();
    const update = updateFor(server, (doc) => operations.forEach((operation) => apply(doc, operation)));
    if (!update) return;
    const result = checkUpdate(server, update, writer, OPEN);
    if (!result.ok) {
      seen.refused++;
      return;
    }
    seen.accepted++;
    expect(writer.role, "a participant's change to the report is never let through").toBe('facilitator');
    Y.applyUpdate(server, update);
    expectValidReport(server);
  });
}

describe('the guard over generated report updates', () => {
  afterEach(() => {
    seen.accepted = 0;
    seen.refused = 0;
  });

  it("[RC3] a participant's update touching the report is always refused", () => {
    fc.assert(property(PARTICIPANT), { seed: 1818, numRuns: 200 });
    expect(seen.accepted).toBe(0);
    expect(seen.refused).toBeGreaterThan(150);
  });

  it("[RC3] a facilitator's update is refused or leaves the report in shape, bounded and readable", () => {
    fc.assert(property(FACILITATOR), { seed: 1819, numRuns: 300 });
    expect(seen.accepted, 'updates let through').toBeGreaterThan(30);
    expect(seen.refused, 'updates refused').toBeGreaterThan(30);
  });
});
