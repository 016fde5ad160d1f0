/**
 * [RC1] Where the report's content lives in a board's Y.Doc, and how it is read back.
 *
 *   report:             Y.Map   the cover's fields (title, deliverable, ...), plain strings
 *   reportProfiles:     Y.Map<cluster ref, Y.Map>  one profile per cluster, plain string fields
 *   reportIntroduction: Y.Text  lines (shared/report/textBlocks.ts), typed into like a note
 *   reportConclusion:   Y.Text
 *
 * Only facilitators write them (the server's guard refuses anyone else, RC3). Reading is lenient
 * and bounded like every reader of a board: a value of the wrong type reads as empty, a string
 * is cut to its field's maximum, a profile under a key that is not a cluster reference is left out,
 * and the texts are read up to their maximum, so a hostile writer can make a reader neither throw
 * nor work without bound [RC2].
 */
import * as Y from 'yjs';
import { type ClusterProfile, emptyReportContent, type ReportContent, type ReportSettings } from '../report/content';
import { parseTextBlocks, REPORT_TEXT_MAX, withoutControls } from '../report/textBlocks';
import { REPORT_ROOTS, type ReportTextName } from './limits';
import { CLUSTER_PROFILE_FIELDS, CLUSTER_PROFILE_MAX, isIsoDay, REPORT_SETTING_NAMES, REPORT_SETTINGS_MAX } from './schema';
import { type ClusterRef, CLUSTERS, parseClusterRef } from './vocabulary';

/** Profiles one board may hold: the six partners and the other clusters its people name. */
export const PROFILES_MAX = 200;

export function reportSettingsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(REPORT_ROOTS.settings);
}

export function reportProfilesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(REPORT_ROOTS.profiles);
}

/**
 * The introduction's or conclusion's Y.Text. A root may have been named already by an update whose
 * items the document has not typed yet (Yjs then holds a bare type, which `getText` adopts); it is
 * never another kind of type, since only these functions and the mutations ask for it.
 */
export function reportText(doc: Y.Doc, name: ReportTextName): Y.Text {
  return doc.getText(REPORT_ROOTS[name]);
}

/** A text the reader can use: a string, within `max`, without control characters. */
function line(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  return withoutControls(value.slice(0, max)).trim();
}

/** What the facilitator wrote, as the export file carries it (texts as typed, RC6). */
export interface ReportSource {
  settings: ReportSettings;
  profiles: ClusterProfile[];
  introduction: string;
  conclusion: string;
}

export function emptyReportSource(): ReportSource {
  const { settings, profiles } = emptyReportContent();
  return { settings, profiles, introduction: '', conclusion: '' };
}

function readSettings(doc: Y.Doc): ReportSettings {
  const map = reportSettingsMap(doc);
  const settings = emptyReportContent().settings;
  for (const name of REPORT_SETTING_NAMES) settings[name] = line(map.get(name), REPORT_SETTINGS_MAX[name]);
  // The cover prints a day; anything else a writer left there reads as no date.
  if (!isIsoDay(settings.date)) settings.date = '';
  return settings;
}

/** Partners first in the vocabulary's order, then other clusters by name. */
export function compareClusters(a: ClusterRef, b: ClusterRef): number {
  const rank = (ref: ClusterRef) => {
    const index = CLUSTERS.findIndex((c) => c.id === ref);
    return index === -1 ? CLUSTERS.length : index;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function readProfiles(doc: Y.Doc): ClusterProfile[] {
  const profiles: ClusterProfile[] = [];
  let visited = 0;
  for (const [key, value] of reportProfilesMap(doc).entries()) {
    // Bounded by entries visited, not kept: a map of thousands of bad keys is cut short too.
    if (++visited > PROFILES_MAX * 4 || profiles.length >= PROFILES_MAX) break;
    const cluster = parseClusterRef(key);
    if (cluster === null || cluster !== key || !(value instanceof Y.Map)) continue;
    const fields = value as Y.Map<unknown>;
    const profile: ClusterProfile = { cluster, fullName: '', location: '', membership: '', technologyFocus: '', created: '' };
    for (const field of CLUSTER_PROFILE_FIELDS) profile[field] = line(fields.get(field), CLUSTER_PROFILE_MAX[field]);
    profiles.push(profile);
  }
  return profiles.sort((a, b) => compareClusters(a.cluster, b.cluster));
}

/** A text as typed, up to its maximum (a Y.Text's string is built whole; the cut bounds the rest). */
function readText(doc: Y.Doc, name: ReportTextName): string {
  return reportText(doc, name).toString().slice(0, REPORT_TEXT_MAX);
}

export function readReportSource(doc: Y.Doc): ReportSource {
  return {
    settings: readSettings(doc),
    profiles: readProfiles(doc),
    introduction: readText(doc, 'introduction'),
    conclusion: readText(doc, 'conclusion'),
  };
}

/** [RC2, RC4] The report's content as every format renders it. */
export function readReportContent(doc: Y.Doc): ReportContent {
  const source = readReportSource(doc);
  return {
    settings: source.settings,
    profiles: source.profiles,
    introduction: parseTextBlocks(source.introduction),
    conclusion: parseTextBlocks(source.conclusion),
  };
}
