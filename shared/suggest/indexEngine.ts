/**
 * The suggestion index (engine.ts) behind the worker protocol's SuggestEngine: what the browser's
 * worker runs, and what a test drives without a Worker. The board's language is fixed when an
 * index is created, so a new language rebuilds it from the notes it holds (rare: a facilitator's
 * setting).
 */
import type { Locale } from '../i18n/locales';
import { createSuggestionIndex, type SuggestionIndex } from './engine';
import type { SuggestEngine } from './protocol';

export function indexEngine(language: Locale = 'en'): SuggestEngine {
  let current = language;
  let index: SuggestionIndex = createSuggestionIndex({ language });
  return {
    apply(changes) {
      for (const id of changes.remove) index.remove(id);
      for (const note of changes.put) index.update(note);
    },
    setLanguage(next) {
      if (next === current) return;
      current = next;
      const notes = index.notes();
      index = createSuggestionIndex({ language: next });
      for (const note of notes) index.add(note);
    },
    similar: (text, limit) => index.similar(text, { limit }),
    themes: (query) => index.proposeThemes(query),
    tandems: (needId, limit, linked) => index.proposeTandems({ ...(needId === null ? {} : { needId }), limit, linked }),
  };
}
