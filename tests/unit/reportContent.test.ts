/**
 * What the facilitator writes for the report, in the board (SPEC RC1, RC2, RC6, RC7): the reader
 * over hostile documents, the named mutations, the JSON round trip and the EXCITE template.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { importRecords } from '../../shared/model/mutations/importBoard';
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
import { REPORT_SETTINGS_MAX } from '../../shared/model/schema';
import { emptyReportContent } from '../../shared/report/content';
import { exportJson, ImportError, parseBoardExport } from '../../shared/report/json';
import { REPORT_TEXT_MAX } from '../../shared/report/textBlocks';
import { EXCITE_D14_PROFILES } from '../../shared/templates/excite-d14';
import { createBoardContent } from '../../shared/templates/index';
import { boardView } from '../../shared/view/boardView';
import { aliceOrigin, bobOrigin, expectRefused, recordOrigins, syncDocs } from './support';

describe('reading the report content', () => {
  it('[RC2] a board nobody wrote a report for reads as the empty content', () => {
    expect(readReportContent(new Y.Doc())).toEqual(emptyReportContent());
  });

  it('[RC2] hostile values read as empty, cut to their maxima, without controls; bad profile keys and shapes are left out', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const settings = reportSettingsMap(doc);
      settings.set('title', 'x'.repeat(5_000));
      settings.set('deliverable', 42);
      settings.set('version', new Y.Map());
      settings.set('date', 'next Tuesday');
      settings.set('editor', 'Ann\u0000a\u0007');
      settings.set('extra', 'kept for a newer version, never read');
      const profiles = reportProfilesMap(doc);
      profiles.set(
        'gaia',
        new Y.Map<unknown>([
          ['fullName', { nested: true }],
          ['created', '2008'],
          ['location', 'y'.repeat(900)],
        ]),
      );
      profiles.set('not-a-cluster', new Y.Map<unknown>([['fullName', 'Nobody']]));
      profiles.set('other:', new Y.Map<unknown>([['fullName', 'Empty name']]));
      profiles.set('other: Acme ', new Y.Map<unknown>([['fullName', 'Untrimmed key']]));
      profiles.set('scs', 'a plain value, not a profile');
      profiles.set('other:Acme', new Y.Map<unknown>([['membership', '12']]));
    });
    const content = readReportContent(doc);
    expect(content.settings).toEqual({
      title: 'x'.repeat(REPORT_SETTINGS_MAX.title),
      deliverable: '',
      version: '',
      date: '',
      dissemination: '',
      type: '',
      funding: '',
      editor: 'Anna',
    });
    expect(content.profiles).toEqual([
      { cluster: 'gaia', fullName: '', location: 'y'.repeat(300), membership: '', technologyFocus: '', created: '2008' },
      { cluster: 'other:Acme', fullName: '', location: '', membership: '12', technologyFocus: '', created: '' },
    ]);
  });

  it('[RC2] profiles read in the board order (the partners as listed, then other clusters by name), at most PROFILES_MAX of them', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (let i = 0; i < PROFILES_MAX + 50; i++) reportProfilesMap(doc).set(`other:C${String(i).padStart(4, '0')}`, new Y.Map());
      reportProfilesMap(doc).set('scs', new Y.Map());
      reportProfilesMap(doc).set('silicon-saxony', new Y.Map());
    });
    const profiles = readReportContent(doc).profiles;
    expect(profiles.length).toBeLessThanOrEqual(PROFILES_MAX);
    const partners = profiles.filter((p) => !p.cluster.startsWith('other:')).map((p) => p.cluster);
    expect(profiles.slice(0, partners.length).map((p) => p.cluster)).toEqual(partners);
    const others = profiles.slice(partners.length).map((p) => p.cluster);
    expect(others).toEqual([...others].sort());
  });

  it('[RC2, RC4] a text past its maximum is read up to it; its lines become blocks', () => {
    const doc = new Y.Doc();
    reportText(doc, 'introduction').insert(0, `Lead\n- one\n1. two\n${'z'.repeat(REPORT_TEXT_MAX)}`);
    const content = readReportContent(doc);
    expect(content.introduction.slice(0, 3)).toEqual([
      { kind: 'paragraph', text: 'Lead' },
      { kind: 'bullet', text: 'one' },
      { kind: 'numbered', text: 'two' },
    ]);
    expect(readReportSource(doc).introduction).toHaveLength(REPORT_TEXT_MAX);
    expect(content.conclusion).toEqual([]);
  });
});

describe('the report mutations', () => {
  it('[RC1] the cover: only the fields given change, in one transaction; a blank clears one', () => {
    const doc = new Y.Doc();
    const origins = recordOrigins(doc);
    setReportSettings(doc, { title: ' Final report ', deliverable: 'D1.4', date: '2026-12-02' }, aliceOrigin);
    setReportSettings(doc, { deliverable: '' }, aliceOrigin);
    expect(origins).toEqual([aliceOrigin, aliceOrigin]);
    expect(readReportContent(doc).settings).toMatchObject({ title: 'Final report', deliverable: '', date: '2026-12-02', version: '' });
  });

  it('[RC1] a field past its maximum, a date that is no day and an unknown field are refused with their codes, and nothing changes', () => {
    const doc = new Y.Doc();
    setReportSettings(doc, { title: 'Kept' }, aliceOrigin);
    expectRefused(doc, () => setReportSettings(doc, { funding: 'f'.repeat(1_001) }, aliceOrigin), /at most 1000 characters/);
    expectRefused(doc, () => setReportSettings(doc, { date: '2026-02-30' }, aliceOrigin), /year-month-day/);
    expectRefused(doc, () => setReportSettings(doc, { date: '02.12.2026' }, aliceOrigin), /year-month-day/);
    expectRefused(doc, () => setReportSettings(doc, { colour: 'red' } as never, aliceOrigin), /Invalid input|Unrecognized/);
    expectRefused(doc, () => setClusterProfile(doc, 'atlantis', { fullName: 'A' }, aliceOrigin), /partner id/);
    expectRefused(doc, () => setClusterProfile(doc, 'gaia', { created: 'c'.repeat(61) }, aliceOrigin), /at most 60 characters/);
    expectRefused(doc, () => editReportText(doc, 'conclusion', 'c'.repeat(REPORT_TEXT_MAX + 1), aliceOrigin), /at most 20000 characters each/);
    const refusal = (() => {
      try {
        setReportSettings(doc, { date: 'soon' }, aliceOrigin);
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toMatchObject({ problem: { code: 'report.date', field: 'date' } });
  });

  it('[RC1] a profile is created whole, edited field by field, and removed; two facilitators editing different fields keep both', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setClusterProfile(a, 'other:Acme Cluster', { fullName: 'Acme' }, aliceOrigin);
    syncDocs(a, b);
    setClusterProfile(a, 'other:Acme Cluster', { location: 'Riga' }, aliceOrigin);
    setClusterProfile(b, 'other:Acme Cluster', { created: '2015' }, bobOrigin);
    syncDocs(a, b);
    const expected = { cluster: 'other:Acme Cluster', fullName: 'Acme', location: 'Riga', membership: '', technologyFocus: '', created: '2015' };
    expect(readReportContent(a).profiles).toEqual([expected]);
    expect(readReportContent(b).profiles).toEqual([expected]);
    removeClusterProfile(b, 'other:Acme Cluster', bobOrigin);
    syncDocs(a, b);
    expect(readReportContent(a).profiles).toEqual([]);
  });

  it('[RC1] two facilitators typing into the introduction at once keep each other’s words (diffs on one root Y.Text)', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    // Neither has typed before: a root text is one text in every copy, so nothing is lost.
    editReportText(a, 'introduction', 'Ann writes.', aliceOrigin);
    editReportText(b, 'introduction', 'Ben writes.', bobOrigin);
    syncDocs(a, b);
    const both = readReportSource(a).introduction;
    expect(both).toContain('Ann writes.');
    expect(both).toContain('Ben writes.');
    editReportText(a, 'introduction', `${both}\n- a list`, aliceOrigin);
    editReportText(b, 'introduction', `Lead: ${both}`, bobOrigin);
    syncDocs(a, b);
    expect(readReportSource(a).introduction).toBe(`Lead: ${both}\n- a list`);
    expect(readReportSource(b).introduction).toBe(readReportSource(a).introduction);
  });
});

describe('the JSON export and import', () => {
  function written(): Y.Doc {
    const doc = new Y.Doc();
    createBoardContent(doc, { title: 'Deliverable', template: 'excite-d1.4' }, serverOrigin('template'));
    setReportSettings(doc, { version: '2.0' }, aliceOrigin);
    setClusterProfile(doc, 'other:Acme', { fullName: 'Acme Cluster' }, aliceOrigin);
    editReportText(doc, 'introduction', 'Lead\n- one\n- two', aliceOrigin);
    editReportText(doc, 'conclusion', 'The end.', aliceOrigin);
    return doc;
  }

  it('[RC6] the file carries the cover, profiles and texts as typed, and an import restores them exactly', () => {
    const doc = written();
    const source = readReportSource(doc);
    const file = JSON.parse(JSON.stringify(exportJson(boardView(doc), new Date(), new Map(), [], source))) as unknown;
    const parsed = parseBoardExport(file);
    expect(parsed.report).toEqual(source);
    const copy = new Y.Doc();
    importRecords(
      copy,
      { ...parsed.board, notes: parsed.notes, themes: parsed.themes, links: parsed.links, report: parsed.report },
      serverOrigin('template'),
    );
    expect(readReportSource(copy)).toEqual(source);
    expect(readReportContent(copy)).toEqual(readReportContent(doc));
  });

  it('[RC6] a file without `report` (older) imports with no report content; a bad report is refused naming the field', () => {
    const doc = written();
    const plain = JSON.parse(JSON.stringify(exportJson(boardView(doc), new Date()))) as Record<string, unknown>;
    expect(plain).not.toHaveProperty('report');
    const parsed = parseBoardExport(plain);
    const copy = new Y.Doc();
    importRecords(
      copy,
      { ...parsed.board, notes: parsed.notes, themes: parsed.themes, links: parsed.links, report: parsed.report },
      serverOrigin('template'),
    );
    expect(readReportContent(copy)).toEqual(emptyReportContent());

    const withReport = JSON.parse(JSON.stringify(exportJson(boardView(doc), new Date(), new Map(), [], readReportSource(doc)))) as {
      report: { settings: Record<string, string>; profiles: Record<string, string>[]; introduction: string };
    };
    const bad = (change: (file: typeof withReport) => void, message: RegExp) => {
      const file = structuredClone(withReport);
      change(file);
      expect(() => parseBoardExport(file)).toThrow(ImportError);
      expect(() => parseBoardExport(file)).toThrow(message);
    };
    bad((f) => (f.report.settings.date = '29.04.2022'), /^report\.settings\.date: must be a day/);
    bad((f) => (f.report.introduction = 'i'.repeat(REPORT_TEXT_MAX + 1)), /^report\.introduction: must be at most 20000/);
    bad((f) => (f.report.profiles[0]!.cluster = 'atlantis'), /^report\.profiles\[0\]\.cluster/);
    bad((f) => f.report.profiles.push({ ...f.report.profiles[0]! }), /has an earlier profile too/);
  });
});

describe('the EXCITE template', () => {
  it('[RC7] pre-fills the cover from D1.4 and the six partner clusters’ profiles, in the same transaction', () => {
    const doc = new Y.Doc();
    const origins = recordOrigins(doc);
    createBoardContent(doc, { title: 'EXCITE workshop', template: 'excite-d1.4' }, serverOrigin('template'));
    expect(origins).toHaveLength(1);
    const content = readReportContent(doc);
    expect(content.settings).toEqual({
      title: 'Initial Report on Collection of Best Practices',
      deliverable: 'D1.4',
      version: '1.2',
      date: '2022-04-29',
      dissemination: 'Public',
      type: 'Report',
      funding: 'This report is part of the project EXCITE which has received funding from the European Union’s COSME Programme.',
      editor: 'Clémence Castell',
    });
    expect(content.profiles.map((p) => p.cluster)).toEqual(['silicon-saxony', 'dti', 'business-hive-vilnius', 'mazovia', 'gaia', 'scs']);
    expect(content.profiles).toEqual(EXCITE_D14_PROFILES);
    expect(content.profiles.find((p) => p.cluster === 'gaia')).toMatchObject({ membership: '311 members, 65% SMEs', created: '2008' });
    expect(content.introduction).toEqual([]);
    expect(content.conclusion).toEqual([]);
  });

  it('[RC7] a blank board has no report content', () => {
    const doc = new Y.Doc();
    createBoardContent(doc, { title: 'Blank', template: 'blank' }, serverOrigin('template'));
    expect(readReportContent(doc)).toEqual(emptyReportContent());
  });
});
