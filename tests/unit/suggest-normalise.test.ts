/** Per-language reading of note text for suggestions (SPEC SG1, SG2). */
import { describe, expect, it } from 'vitest';
import { createSuggestionIndex } from '../../shared/suggest/engine';
import { detectLanguage } from '../../shared/suggest/language';
import { terms } from '../../shared/suggest/normalise';
import type { IndexedNote } from '../../shared/suggest/types';

const stems = (text: string, language: Parameters<typeof terms>[1]) => terms(text, language).map((t) => t.term);

/** The same note in the seven languages, long enough to detect. */
const KPI_NOTE = {
  en: 'Efficient KPI monitoring thanks to a tool allowing easy data reporting',
  de: 'Effiziente Überwachung der KPIs mit einem Werkzeug für einfaches Berichtswesen',
  bg: 'Ефективно наблюдение на KPI с инструмент за лесно отчитане на данни',
  lt: 'Veiksmingas KPI stebėjimas naudojant įrankį, leidžiantį lengvai teikti duomenis',
  pl: 'Efektywne monitorowanie KPI dzięki narzędziu umożliwiającemu łatwe raportowanie danych',
  es: 'Seguimiento eficiente de los KPI gracias a una herramienta que facilita el informe de datos',
  fr: 'Suivi efficace des KPI grâce à un outil permettant un reporting facile des données',
} as const;

describe('language detection', () => {
  it('[SG1] tells each of the seven languages apart on a sentence-long note', () => {
    for (const [language, text] of Object.entries(KPI_NOTE)) expect(detectLanguage(text), text).toBe(language);
  });

  it('[SG1] takes a note too short to detect to be in the board language, English when unset', () => {
    expect(detectLanguage('B2B-Events', 'de')).toBe('de');
    expect(detectLanguage('Team cohesion')).toBe('en');
    expect(detectLanguage('')).toBe('en');
  });

  it('[SG1] reads a short note with a letter only Lithuanian has as Lithuanian', () => {
    expect(detectLanguage('Narių įtraukimas', 'en')).toBe('lt');
  });
});

describe('normalisation', () => {
  it('[SG2] English: "monitoring", "monitored" and "monitor" meet; stop words go', () => {
    expect(stems('monitoring', 'en')).toEqual(stems('monitor', 'en'));
    expect(stems('monitored', 'en')).toEqual(stems('monitor', 'en'));
    expect(stems('the monitoring of the teams', 'en')).toEqual(['monitor', 'team']);
  });

  it('[SG2] German, Spanish and French are stemmed with their Snowball stemmers', () => {
    expect(stems('Mitglieder', 'de')).toEqual(stems('Mitgliedern', 'de'));
    expect(stems('Überwachung', 'de')).toEqual(stems('Uberwachung', 'de'));
    expect(stems('herramientas', 'es')).toEqual(stems('herramienta', 'es'));
    expect(stems('informes', 'es')).toEqual(stems('informe', 'es'));
    expect(stems('événements', 'fr')).toEqual(stems('événement', 'fr'));
    expect(stems('adhérents', 'fr')).toEqual(stems('adhérent', 'fr'));
    // Each language's stop words are left out.
    expect(stems('die Mitglieder und der Vorstand', 'de')).toEqual(stems('Mitglieder Vorstand', 'de'));
    expect(stems('los miembros y el equipo', 'es')).toEqual(stems('miembros equipo', 'es'));
    expect(stems("les membres et l'équipe", 'fr')).toEqual(stems('membres équipe', 'fr'));
  });

  it('[SG2] Bulgarian, Lithuanian and Polish are lower-cased, NFKC-normalised and stop-worded, not stemmed', () => {
    expect(stems('Наблюдение на данните и на членовете', 'bg')).toEqual(['наблюдение', 'данните', 'членовете']);
    expect(stems('Narių ir klasterio stebėsena', 'lt')).toEqual(['nariu', 'klasterio', 'stebesena']);
    expect(stems('Monitorowanie członków oraz danych', 'pl')).toEqual(['monitorowanie', 'czlonkow', 'danych']);
    // Latin accents go, so a note typed without them still meets; Cyrillic keeps its letters.
    expect(stems('stebėsena', 'lt')).toEqual(stems('stebesena', 'lt'));
    expect(stems('członków', 'pl')).toEqual(stems('czlonkow', 'pl'));
    expect(stems('край', 'bg')).not.toEqual(stems('краи', 'bg'));
    // Compatibility forms (a ligature, full-width letters) read as the plain ones.
    expect(stems('ﬁnance', 'pl')).toEqual(stems('finance', 'pl'));
  });

  it('[SG2] keeps acronyms whole in every language, plural or not, and shows them as written', () => {
    for (const [language, text] of Object.entries(KPI_NOTE)) {
      expect(terms(text, language as keyof typeof KPI_NOTE)).toContainEqual({ term: 'kpi', surface: 'KPI' });
    }
    expect(terms('CRM und B2B für KMU', 'de').map((t) => t.surface)).toEqual(['CRM', 'B2B', 'KMU']);
    // "IT" is an acronym, not the English stop word "it".
    expect(stems('IT services', 'en')).toEqual(['it', 'servic']);
  });

  it('[SG2] a German and an English note on the same topic meet on their acronyms', () => {
    const note = (id: string, text: string): IndexedNote => ({ id, text, dimension: 'strategy', kind: 'need', cluster: null, themeId: null });
    const index = createSuggestionIndex();
    index.add(note('de', 'Ein gemeinsames CRM für die KPI-Berichte an die Behörden'));
    index.add(note('other', 'Leadership trainings for the cluster staff'));
    const found = index.similar('Reporting our KPIs with a shared CRM');
    expect(found.map((s) => s.id)).toEqual(['de']);
    expect([...(found[0]?.shared ?? [])].sort()).toEqual(['CRM', 'KPI']);
  });
});

describe('short notes', () => {
  it('[SG1] a short note is in the language its letters tell, else in the board language, never in a trigram guess', () => {
    expect(detectLanguage('Late membership fee payment')).toBe('en');
    expect(detectLanguage('Team cohesion practices.', 'en')).toBe('en');
    expect(detectLanguage('Zu wenig Zeit für Schulungen', 'en')).toBe('de');
    expect(detectLanguage('Brak czasu na szkolenia zespołu', 'en')).toBe('pl');
    expect(detectLanguage('Falta de tiempo, año tras año', 'en')).toBe('es');
    expect(detectLanguage("Très peu de formation pour l'équipe", 'en')).toBe('fr');
    expect(detectLanguage('Липса на време', 'en')).toBe('bg');
    // The board's own letters first: an accent in a Polish board's note does not make it French.
    expect(detectLanguage('Zespół i kawiarnia café', 'pl')).toBe('pl');
  });
});
