/**
 * The report's content, written by a facilitator (RC1-RC3): the cover's fields, the cluster
 * profiles and the introduction and conclusion. Each field is its own value, so two facilitators
 * who change different fields at once keep both; the texts are diffs on a Y.Text, like a note's.
 */
import * as Y from 'yjs';
import { parseInput } from '../errors';
import type { ReportTextName } from '../limits';
import type { MutationOrigin } from '../origin';
import { reportProfilesMap, reportSettingsMap, type ReportSource, reportText } from '../reportContent';
import {
  CLUSTER_PROFILE_FIELDS,
  type ClusterProfileInput,
  clusterProfileInput,
  profileClusterInput,
  REPORT_SETTING_NAMES,
  type ReportSettingsInput,
  reportSettingsInput,
  reportTextInput,
} from '../schema';
import { applyTextDiff } from '../text';

/** Sets the cover fields given (the others stay as they are); an unchanged value is not written. */
export function setReportSettings(doc: Y.Doc, change: ReportSettingsInput, origin: MutationOrigin): void {
  const valid = parseInput(reportSettingsInput, change);
  doc.transact(() => {
    const settings = reportSettingsMap(doc);
    for (const name of REPORT_SETTING_NAMES) {
      const value = valid[name];
      if (value !== undefined && settings.get(name) !== value) settings.set(name, value);
    }
  }, origin);
}

/**
 * Creates a cluster's profile, or sets the fields given of the one it has. A new profile is
 * written whole (every field, "" where none was given), so a reader never finds it half made.
 */
export function setClusterProfile(doc: Y.Doc, cluster: string, change: ClusterProfileInput, origin: MutationOrigin): void {
  const ref = parseInput(profileClusterInput, cluster);
  const valid = parseInput(clusterProfileInput, change);
  doc.transact(() => {
    const profiles = reportProfilesMap(doc);
    const existing = profiles.get(ref);
    if (existing instanceof Y.Map) {
      const fields = existing as Y.Map<unknown>;
      for (const field of CLUSTER_PROFILE_FIELDS) {
        const value = valid[field];
        if (value !== undefined && fields.get(field) !== value) fields.set(field, value);
      }
      return;
    }
    const fields = new Y.Map<unknown>();
    for (const field of CLUSTER_PROFILE_FIELDS) fields.set(field, valid[field] ?? '');
    profiles.set(ref, fields);
  }, origin);
}

/** Removes a cluster's profile; a cluster without one is left as it is. */
export function removeClusterProfile(doc: Y.Doc, cluster: string, origin: MutationOrigin): void {
  const ref = parseInput(profileClusterInput, cluster);
  doc.transact(() => {
    const profiles = reportProfilesMap(doc);
    if (profiles.has(ref)) profiles.delete(ref);
  }, origin);
}

/**
 * The introduction or conclusion becomes `text`, by the smallest delete and insert, so a colleague
 * typing elsewhere in the same text keeps what they type (as in a note).
 */
export function editReportText(doc: Y.Doc, name: ReportTextName, text: string, origin: MutationOrigin): void {
  const valid = parseInput(reportTextInput, text);
  doc.transact(() => applyTextDiff(reportText(doc, name), valid), origin);
}

/** A whole report's content to write: what `readReportSource` reads, or an import file's `report`. */
export interface ReportSourceInput {
  settings: ReportSettingsInput;
  profiles: readonly ({ cluster: string } & ClusterProfileInput)[];
  introduction: string;
  conclusion: string;
}

/** Writes a whole report's content into a board (a template, an import), in the caller's transaction or its own. */
export function writeReportSource(doc: Y.Doc, source: ReportSourceInput | ReportSource, origin: MutationOrigin): void {
  doc.transact(() => {
    setReportSettings(doc, source.settings, origin);
    for (const { cluster, ...fields } of source.profiles) setClusterProfile(doc, cluster, fields, origin);
    editReportText(doc, 'introduction', source.introduction, origin);
    editReportText(doc, 'conclusion', source.conclusion, origin);
  }, origin);
}
