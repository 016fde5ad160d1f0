/**
 * Proposed tandems on the EXCITE D1.4 template, judged against pairs chosen by reading the seed
 * report (SPEC SG9). "Precision at 3" here is the share of listed pairs whose good practice is
 * among the need's top 3 proposals: each pair says "this practice answers this need", so a pair
 * is a hit when the facilitator would see it without scrolling.
 *
 * Set A (written before the engine was tuned, from the report's "BEST PRACTICES NEEDED" and
 * "GOOD PRACTICE" boxes): 10 pairs, precision at 3 = 1.0 (10/10).
 * Set B (written once the engine was done, never tuned on): 10 pairs, precision at 3 = 0.3
 * (3/10). Its misses are pairs that share no word, only meaning: "matchmaking" and "B2B events",
 * "social media" and "meetings", "expertise" and "experts" (stemmed apart); a lexical engine
 * does not see them, and the floor below records that rather than hiding it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverOrigin } from '../../shared/model/origin';
import { CLUSTERS } from '../../shared/model/vocabulary';
import { createSuggestionIndex, type SuggestionIndex } from '../../shared/suggest/engine';
import { indexedNotes } from '../../shared/suggest/fromBoard';
import type { IndexedNote } from '../../shared/suggest/types';
import { createBoardContent } from '../../shared/templates/index';
import { boardView } from '../../shared/view/boardView';

/** [need, good practice], each named by the start of its text on the template. */
type Pair = readonly [need: string, practice: string];

const SET_A: readonly Pair[] = [
  // The issue's own example: reporting tools such as a CRM <- GAIA's KPI monitoring tool.
  ['Efficient collaborative reporting processes and tools', 'Efficient KPI monitoring thanks to a tool'],
  ['Cross-industrial partnerships connecting us', 'Partnerships with market-focused clusters'],
  ["Members' attraction, loyalty and engagement", 'Numerous formal and informal meetings'],
  ['A strategy co-creation process involving more members', 'A demand-driven strategy'],
  ['Motivation skills to better engage the cluster members', 'Numerous formal and informal meetings'],
  ['Competence and expertise building', 'Working teams organised in technology and market competence areas'],
  ['Organisation of a major event with an entry fee', 'B2B events with an entry fee'],
  ['Efficient internal organisation', 'Working teams organised in technology and market competence areas'],
  ['Team cohesion practices', 'Working teams organised in technology and market competence areas'],
  ['A payment monitoring process and system', 'Efficient KPI monitoring thanks to a tool'],
];
const SET_A_FLOOR = 0.9;
/** What set B reached when it was first measured: a regression guard, not a target. */
const SET_B_FLOOR = 0.3;

/**
 * Set B, written after the engine was done and never tuned on: the template's other needs, each
 * with the practice a facilitator who read the report would pair it with.
 */
const SET_B: readonly Pair[] = [
  ['Practices increasing human resources and expertise', 'Working teams organised in technology and market competence areas'],
  ['Services and joint services for successful matchmaking', 'B2B events with an entry fee'],
  ['Services and methodologies bringing demand and supply together', 'Partnerships with market-focused clusters'],
  ['Efficient knowledge management among the team thanks to the CRM', 'Efficient KPI monitoring thanks to a tool'],
  ['Practices to track success feedback from the members', 'Efficient KPI monitoring thanks to a tool'],
  ['Leadership trainings for the cluster staff', 'Working teams organised in technology and market competence areas'],
  ['Targeted-communication practices', 'Numerous formal and informal meetings'],
  ["Communication actions demonstrating the cluster's added value", 'Numerous formal and informal meetings'],
  ['Optimised use of communication channels and social media', 'Numerous formal and informal meetings'],
  ['Elaboration of a services offer and price list', 'B2B events with an entry fee'],
];

function templateBoard(): { index: SuggestionIndex; notes: IndexedNote[] } {
  const doc = new Y.Doc();
  createBoardContent(doc, { title: 'EXCITE', template: 'excite-d1.4' }, serverOrigin('template'));
  const notes = indexedNotes(boardView(doc));
  const index = createSuggestionIndex();
  for (const n of notes) index.add(n);
  return { index, notes };
}

function noteStarting(notes: readonly IndexedNote[], start: string): IndexedNote {
  const found = notes.filter((n) => n.text.startsWith(start));
  if (found.length !== 1) throw new Error(`${found.length} notes start with "${start}"`);
  return found[0] as IndexedNote;
}

function precisionAt3(index: SuggestionIndex, notes: readonly IndexedNote[], pairs: readonly Pair[]): number {
  let hits = 0;
  for (const [needText, practiceText] of pairs) {
    const need = noteStarting(notes, needText);
    const practice = noteStarting(notes, practiceText);
    const top = index.proposeTandems({ needId: need.id, limit: 3 });
    if (top.some((t) => t.practiceId === practice.id)) hits++;
  }
  return hits / pairs.length;
}

describe('proposed tandems on the EXCITE template', () => {
  const { index, notes } = templateBoard();

  it("[SG9] the need for CRM-like reporting tools gets GAIA's KPI monitoring tool in its top 3, with the shared terms as the reason", () => {
    const need = noteStarting(notes, 'Efficient collaborative reporting processes and tools');
    const gaia = noteStarting(notes, 'Efficient KPI monitoring thanks to a tool');
    const top = index.proposeTandems({ needId: need.id, limit: 3 });
    const proposal = top.find((t) => t.practiceId === gaia.id);
    expect(proposal?.shared).toEqual(expect.arrayContaining(['reporting', 'tool']));
  });

  it(`[SG9] set A: precision at 3 reaches at least ${SET_A_FLOOR} on ${SET_A.length} pairs chosen from the seed report`, () => {
    expect(precisionAt3(index, notes, SET_A)).toBeGreaterThanOrEqual(SET_A_FLOOR);
  });

  it(`[SG9] set B (unseen while tuning): precision at 3 stays at least ${SET_B_FLOOR} on ${SET_B.length} pairs`, () => {
    expect(precisionAt3(index, notes, SET_B)).toBeGreaterThanOrEqual(SET_B_FLOOR);
  });

  it('[SG7] whichever cluster each template need is written by, it is never proposed a practice of its own cluster', () => {
    const needs = notes.filter((n) => n.kind === 'need');
    const clusterArb = fc.constantFrom(null, ...CLUSTERS.map((c) => c.id));
    fc.assert(
      fc.property(fc.array(clusterArb, { minLength: needs.length, maxLength: needs.length }), (clusters) => {
        const owned = notes.map((n) => (n.kind === 'need' ? { ...n, cluster: clusters[needs.indexOf(n)] ?? null } : n));
        const board = createSuggestionIndex();
        for (const n of owned) board.add(n);
        const byId = new Map(owned.map((n) => [n.id, n]));
        const proposals = board.proposeTandems({ limit: 10 });
        expect(proposals.length).toBeGreaterThan(0);
        for (const p of proposals) {
          const need = byId.get(p.needId);
          const practice = byId.get(p.practiceId);
          expect(practice?.kind).toBe('good-practice');
          if (need?.cluster) expect(practice?.cluster).not.toBe(need.cluster);
        }
      }),
      { seed: 190_019, numRuns: 40 },
    );
  });
});
