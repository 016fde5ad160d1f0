/**
 * `npm run bench -- suggest`: the suggestion engine (issue 19) on a generated board of 5,000
 * notes in the seven languages, in this process (no server): indexing every note, `similar`
 * queries as a participant types (p50, p95), an edit brought into the index (p50, p95), and the
 * whole board's proposed themes and tandems. Goals: indexing < 1 s, a query < 20 ms.
 */
import { CLUSTERS, DIMENSION_IDS, KIND_IDS } from '../shared/model/vocabulary';
import { createSuggestionIndex } from '../shared/suggest/engine';
import type { IndexedNote } from '../shared/suggest/types';
import { round, type Scenario } from './scenarios/context';

/** Workshop words per language, a few of their stop words among them, so text reads like notes. */
const WORDS: Record<string, string[]> = {
  en: 'members engagement strategy monitoring reporting tool training team events fee membership partnerships market services visibility communication feedback workload leadership cohesion matchmaking digital content the of and for with our'.split(
    ' ',
  ),
  de: 'Mitglieder Engagement Strategie Überwachung Berichtswesen Werkzeug Schulung Team Veranstaltungen Gebühr Mitgliedschaft Partnerschaften Markt Dienstleistungen Sichtbarkeit Kommunikation Rückmeldung Arbeitslast Führung Zusammenhalt die der und für mit unsere'.split(
    ' ',
  ),
  bg: 'членове ангажираност стратегия наблюдение отчитане инструмент обучение екип събития такса членство партньорства пазар услуги видимост комуникация обратна връзка натоварване лидерство и на за с'.split(
    ' ',
  ),
  lt: 'nariai įsitraukimas strategija stebėsena ataskaitos įrankis mokymai komanda renginiai mokestis narystė partnerystės rinka paslaugos matomumas komunikacija grįžtamasis ryšys krūvis lyderystė ir su už'.split(
    ' ',
  ),
  pl: 'członkowie zaangażowanie strategia monitorowanie raportowanie narzędzie szkolenia zespół wydarzenia opłata członkostwo partnerstwa rynek usługi widoczność komunikacja informacja obciążenie przywództwo i w dla z'.split(
    ' ',
  ),
  es: 'miembros compromiso estrategia seguimiento informes herramienta formación equipo eventos cuota afiliación alianzas mercado servicios visibilidad comunicación retroalimentación carga liderazgo cohesión el la de y para con'.split(
    ' ',
  ),
  fr: 'membres engagement stratégie suivi reporting outil formation équipe événements cotisation adhésion partenariats marché services visibilité communication retours charge leadership cohésion le la des et pour avec'.split(
    ' ',
  ),
};
const ACRONYMS = ['KPI', 'CRM', 'SME', 'B2B', 'ICT', 'AI', 'IoT'];
const LANGUAGES = Object.keys(WORDS);

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

export function generatedText(next: () => number, language = pick(next, LANGUAGES)): string {
  const words = WORDS[language] ?? [];
  const length = 5 + Math.floor(next() * 11);
  const text = Array.from({ length }, () => (next() < 0.08 ? pick(next, ACRONYMS) : pick(next, words)));
  return text.join(' ');
}

export function generatedBoard(count: number, seed = 19): IndexedNote[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `n${String(i).padStart(5, '0')}`,
    text: generatedText(next),
    dimension: pick(next, DIMENSION_IDS),
    kind: pick(next, KIND_IDS),
    cluster: pick(next, [null, ...CLUSTERS.map((c) => c.id)]),
    themeId: next() < 0.2 ? 'theme' : null,
  }));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export const suggest: Scenario = {
  name: 'suggest',
  summary: 'suggestion engine: index 5,000 notes in 7 languages, similar-note queries, edits, themes, tandems',
  async run(context) {
    const count = context.smoke ? 300 : 5000;
    const queries = context.smoke ? 20 : 500;
    const notes = generatedBoard(count);
    // A first index warms the JIT and the stemmers' word cache, as a long-running worker is.
    const warm = createSuggestionIndex();
    for (const n of generatedBoard(Math.min(count, 1000), 7)) warm.add(n);

    const index = createSuggestionIndex();
    const indexMs = timed(() => {
      for (const n of notes) index.add(n);
    });
    context.log(`indexed ${count} notes in ${round(indexMs, 0)} ms`);

    const next = random(42);
    const queryMs = Array.from({ length: queries }, () => {
      const text = generatedText(next);
      return timed(() => index.similar(text, { limit: 5 }));
    });
    const updateMs: number[] = [];
    const afterUpdateMs: number[] = [];
    for (let i = 0; i < queries; i++) {
      const target = pick(next, notes);
      updateMs.push(timed(() => index.update({ ...target, text: generatedText(next) })));
      const text = generatedText(next);
      afterUpdateMs.push(timed(() => index.similar(text, { limit: 5 })));
    }
    const themesMs = timed(() => index.proposeThemes());
    const tandemsMs = timed(() => index.proposeTandems());
    const oneNeed = notes.find((n) => n.kind === 'need');
    const needMs = oneNeed ? timed(() => index.proposeTandems({ needId: oneNeed.id })) : NaN;

    const p95 = percentile(queryMs, 95);
    return {
      scenario: 'suggest',
      title: `Suggestion engine, ${count.toLocaleString('en-GB')} notes in 7 languages (in process)`,
      columns: [
        'index ms',
        'similar p50 ms',
        'similar p95 ms',
        'update p50 ms',
        'update p95 ms',
        'similar after edit p95 ms',
        'one need ms',
        'all tandems ms',
        'all themes ms',
      ],
      rows: [
        {
          server: 'engine',
          values: [
            round(indexMs, 0),
            round(percentile(queryMs, 50)),
            round(p95),
            round(percentile(updateMs, 50), 3),
            round(percentile(updateMs, 95), 3),
            round(percentile(afterUpdateMs, 95)),
            round(needMs),
            round(tandemsMs, 0),
            round(themesMs, 0),
          ],
        },
      ],
      goals: [
        { text: `${count} notes indexed in under 1 s`, met: indexMs < 1000 },
        { text: 'a similar-notes query answers in under 20 ms (p95)', met: p95 < 20 },
      ],
      notes: [`${queries} queries of 5-15 generated words; each edit replaces a random note's text.`],
      converged: null,
    };
  },
};
