/**
 * [RC3] The guard's rules for the report's content (shared/model/reportContent.ts), for every
 * writer: the cover's fields are plain values within their maxima, a profile is a map of plain
 * fields under a cluster reference, the introduction and conclusion hold plain characters only,
 * each at most REPORT_TEXT_MAX after the update, and a board holds at most PROFILES_MAX profiles.
 * Who may write them at all (facilitators only) is ownership.ts's to say.
 */
import * as Y from 'yjs';
import {
  CLUSTER_PROFILE_FIELDS_SPEC,
  FIELD_NAME_MAX,
  type FieldSpec,
  fieldValueProblem,
  plainValueProblem,
  REPORT_ROOTS,
  REPORT_SETTINGS_FIELDS,
  REPORT_TEXT_MAX,
  REPORT_TEXT_ROOTS,
} from '../../shared/model/limits';
import { PROFILES_MAX, reportProfilesMap } from '../../shared/model/reportContent';
import { parseClusterRef } from '../../shared/model/vocabulary';
import { refuse } from './ownership';
import type { Place } from './places';

export function isReportTextRoot(root: string): boolean {
  return REPORT_TEXT_ROOTS.has(root);
}

function checkPlain(spec: FieldSpec | undefined, name: string, content: Y.Item['content'], now: number): void {
  if (!(content instanceof Y.ContentAny)) refuse(`the report's ${name} must be a plain value`);
  for (const value of content.arr) {
    const problem = spec ? fieldValueProblem(spec, value, now) : plainValueProblem(value);
    if (problem) refuse(`the report's ${name} ${problem}`);
  }
}

/** The shape of one item written into a report root (deleted content has been let through). */
export function checkReportShape(place: Place, content: Y.Item['content'], now: number): void {
  if (isReportTextRoot(place.root)) {
    // Characters typed into the text, and nothing else: no formatting, embeds or map entries.
    if (place.level === 1 && place.sub === null && content instanceof Y.ContentString) return;
    refuse('the introduction and conclusion hold plain text only');
  }
  if (place.root === REPORT_ROOTS.settings) {
    if (place.level !== 1 || place.sub === null || place.sub.length > FIELD_NAME_MAX) refuse("the report's settings are named plain values");
    checkPlain(REPORT_SETTINGS_FIELDS[place.sub as keyof typeof REPORT_SETTINGS_FIELDS], place.sub, content, now);
    return;
  }
  // reportProfiles: a map of fields under each cluster reference.
  if (place.level === 1) {
    const key = place.sub;
    if (key === null || parseClusterRef(key) !== key) refuse('a cluster profile belongs to a partner cluster or "other:<name>"');
    if (!(content instanceof Y.ContentType && content.type instanceof Y.Map)) refuse('a cluster profile must be a map of fields');
    return;
  }
  if (place.level === 2 && place.sub !== null && place.sub.length <= FIELD_NAME_MAX) {
    checkPlain(CLUSTER_PROFILE_FIELDS_SPEC[place.sub as keyof typeof CLUSTER_PROFILE_FIELDS_SPEC], place.sub, content, now);
    return;
  }
  refuse('a cluster profile holds named plain fields only');
}

/** Characters the introduction or conclusion holds now (0 while nothing was ever typed). */
export function storedReportTextLength(doc: Y.Doc, root: string): number {
  const type = doc.share.get(root);
  return type instanceof Y.AbstractType ? type._length : 0;
}

/** A text may not grow past its maximum; an update that shortens it always passes. */
export function checkReportTextLength(doc: Y.Doc, root: string, inserted: number, deleted: number): void {
  if (inserted === 0) return;
  if (storedReportTextLength(doc, root) + inserted - deleted > REPORT_TEXT_MAX)
    refuse(`the report's texts hold at most ${REPORT_TEXT_MAX.toLocaleString('en')} characters each`);
}

/** [RC3] New profiles may not take a board past PROFILES_MAX (a reader shows no more). */
export class ProfileCount {
  private readonly added = new Set<string>();

  constructor(private readonly doc: Y.Doc) {}

  written(place: Place, item: Y.Item): void {
    if (place.root === REPORT_ROOTS.profiles && place.level === 1 && place.sub !== null && !(item.content instanceof Y.ContentDeleted))
      this.added.add(place.sub);
  }

  finish(): void {
    if (this.added.size === 0) return;
    const profiles = reportProfilesMap(this.doc);
    let count = profiles.size;
    for (const key of this.added) if (!profiles.has(key)) count++;
    if (count > PROFILES_MAX) refuse(`a board holds at most ${PROFILES_MAX} cluster profiles`);
  }
}
