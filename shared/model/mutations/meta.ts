import type * as Y from 'yjs';
import type { Locale } from '../../i18n/locales';
import { metaMap } from '../doc';
import { parseInput } from '../errors';
import type { MutationOrigin } from '../origin';
import { boardLanguageInput, boardTitleInput, SCHEMA_VERSION } from '../schema';

/** Fills in a new board's meta. Only for a board being created, before anyone connects. */
export function initBoard(doc: Y.Doc, init: { title: string; template: string | null }, origin: MutationOrigin): void {
  const title = parseInput(boardTitleInput, init.title);
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('title', title);
    meta.set('template', init.template);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('createdAt', Date.now());
  }, origin);
}

export function setBoardTitle(doc: Y.Doc, title: string, origin: MutationOrigin): void {
  const valid = parseInput(boardTitleInput, title);
  doc.transact(() => metaMap(doc).set('title', valid), origin);
}

/**
 * [LG3] Sets the board's language (its reports', and a viewer link's in a browser that never
 * picked one). A board setting: the server takes it from facilitators only (G3).
 */
export function setBoardLanguage(doc: Y.Doc, language: Locale, origin: MutationOrigin): void {
  const valid = parseInput(boardLanguageInput, language);
  doc.transact(() => metaMap(doc).set('language', valid), origin);
}
