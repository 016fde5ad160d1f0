import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverOrigin } from '../../shared/model/origin';
import { SCHEMA_VERSION } from '../../shared/model/schema';
import type { DimensionId, KindId } from '../../shared/model/vocabulary';
import { EXCITE_D14, EXCITE_D14_SOURCE } from '../../shared/templates/excite-d14';
import { createBoardContent, TEMPLATES } from '../../shared/templates/index';
import { type BoardView, boardView, type NoteView } from '../../shared/view/boardView';
import { recordOrigins } from './support';

/**
 * What the template tests need from the seed report (its section headings, the BEST PRACTICES
 * NEEDED bullets and the number of GOOD PRACTICE boxes per dimension), kept in the repository so
 * the tests run on a fresh clone with no seed folder beside it.
 */
interface SeedSection {
  dimension: DimensionId;
  heading: string;
  bestPracticesNeeded: string[];
  goodPractices: number;
}
const SEED = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'excite-d14-seed.json'), 'utf8')) as { sections: SeedSection[] };

function seedSection(dimension: DimensionId): SeedSection {
  const section = SEED.sections.find((s) => s.dimension === dimension);
  if (!section) throw new Error(`The seed fixture has no section for ${dimension}`);
  return section;
}

/** Phrases of each dimension's BEST PRACTICES NEEDED bullets that its need notes must carry. */
const KEY_PHRASES: Record<DimensionId, string[]> = {
  structure: ['cross-industrial partnerships', "members' attraction, loyalty and engagement", 'competence and expertise building'],
  strategy: ['co-creation', 'Motivation skills', 'collaborative reporting processes and tools'],
  organisation: ['Efficient internal organisation', 'increasing human resources and expertise', 'Team cohesion', 'knowledge management'],
  'business-model': ['bringing demand and supply together', 'price list', 'subscription process', 'Payment monitoring'],
  communication: ['Targeted-communication', "demonstrating the cluster's added value", 'social media', 'digital content'],
};

const GOOD_PRACTICE_CLUSTERS: Record<DimensionId, string[]> = {
  structure: ['scs'],
  strategy: ['business-hive-vilnius', 'gaia'],
  organisation: ['mazovia'],
  'business-model': ['silicon-saxony'],
  communication: ['dti'],
};

function excite(): { doc: Y.Doc; view: BoardView } {
  const doc = new Y.Doc();
  createBoardContent(doc, { title: 'EXCITE workshop', template: 'excite-d1.4' }, serverOrigin('template'));
  return { doc, view: boardView(doc) };
}

function notesIn(view: BoardView, dimension: DimensionId, kind: KindId): NoteView[] {
  return [...view.notesById.values()].filter((n) => n.dimension === dimension && n.kind === kind);
}

function includesPhrase(texts: readonly string[], phrase: string): boolean {
  return texts.some((t) => t.toLowerCase().includes(phrase.toLowerCase()));
}

describe('template "EXCITE D1.4"', () => {
  it('is offered next to the blank board and "From a previous board"', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['blank', 'excite-d1.4', 'previous-board']);
  });

  it('[MU1] fills the board, meta and every note, in one transaction with the server origin', () => {
    const doc = new Y.Doc();
    const origin = serverOrigin('template');
    const origins = recordOrigins(doc);
    createBoardContent(doc, { title: 'EXCITE workshop', template: 'excite-d1.4' }, origin);
    expect(origins).toHaveLength(1);
    expect(origins[0]).toBe(origin);
    expect(boardView(doc).meta).toMatchObject({ title: 'EXCITE workshop', template: 'excite-d1.4', schemaVersion: SCHEMA_VERSION });
  });

  it('[T1] holds, in each dimension, exactly the challenges, needs and good practices of its section, in report order', () => {
    const { view } = excite();
    expect(EXCITE_D14.map((s) => s.dimension)).toEqual(['structure', 'strategy', 'organisation', 'business-model', 'communication']);
    let total = 0;
    for (const section of EXCITE_D14) {
      const inCell = (kind: KindId): string[] =>
        view.dimensions
          .find((d) => d.id === section.dimension)
          ?.cells.find((c) => c.kind === kind)
          ?.ungrouped.map((n) => n.text) ?? [];
      expect(inCell('challenge'), section.dimension).toEqual(section.challenges);
      expect(inCell('need'), section.dimension).toEqual(section.needs);
      expect(inCell('good-practice'), section.dimension).toEqual(section.goodPractices.map((p) => p.text));
      total += section.challenges.length + section.needs.length + section.goodPractices.length;
    }
    expect(view.noteCount).toBe(total);
    expect(view.invalid).toEqual({ notes: 0, themes: 0, links: 0 });
  });

  it('[T1, AT1] attributes each good practice to its cluster, and challenges and needs to the consortium; every note has the report as its source, no author', () => {
    const { view } = excite();
    for (const [dimension, clusters] of Object.entries(GOOD_PRACTICE_CLUSTERS) as [DimensionId, string[]][]) {
      expect(
        notesIn(view, dimension, 'good-practice').map((n) => n.cluster),
        dimension,
      ).toEqual(clusters);
      for (const kind of ['challenge', 'need'] as const) {
        for (const shown of notesIn(view, dimension, kind)) {
          expect(shown).toMatchObject({ cluster: null, clusterLabel: 'EXCITE consortium' });
        }
      }
    }
    for (const shown of view.notesById.values()) {
      expect(shown).toMatchObject({
        authorId: '',
        authorName: EXCITE_D14_SOURCE,
        byline: EXCITE_D14_SOURCE,
        source: { kind: 'template', label: EXCITE_D14_SOURCE },
      });
    }
  });

  it("[T1] carries the key phrases of every dimension's BEST PRACTICES NEEDED list of the seed report", () => {
    const { view } = excite();
    for (const dimension of Object.keys(KEY_PHRASES) as DimensionId[]) {
      const bullets = seedSection(dimension).bestPracticesNeeded;
      const needs = notesIn(view, dimension, 'need').map((n) => n.text);
      expect(needs, `${dimension}: one need note per bullet of the report`).toHaveLength(bullets.length);
      for (const phrase of KEY_PHRASES[dimension]) {
        expect(includesPhrase(bullets, phrase), `${dimension}: "${phrase}" is in the report's bullets`).toBe(true);
        expect(includesPhrase(needs, phrase), `${dimension}: "${phrase}" is on a need note`).toBe(true);
      }
    }
  });

  it("[T1] has one good-practice note per GOOD PRACTICE of the seed report's section", () => {
    const { view } = excite();
    expect(SEED.sections.map((section) => section.heading)).toEqual([
      '2.1 Cluster structure',
      '2.2 Cluster strategy',
      '2.3 Cluster organisation',
      '2.4 Cluster business model',
      '2.5 Communication, visibility & reputation',
    ]);
    for (const { dimension, goodPractices } of SEED.sections) {
      expect(notesIn(view, dimension, 'good-practice'), dimension).toHaveLength(goodPractices);
    }
  });

  it('leaves a blank board empty, with no template', () => {
    const doc = new Y.Doc();
    createBoardContent(doc, { title: 'Blank', template: 'blank' }, serverOrigin('template'));
    const view = boardView(doc);
    expect(view.noteCount).toBe(0);
    expect(view.meta).toMatchObject({ title: 'Blank', template: null, schemaVersion: SCHEMA_VERSION });
  });
});
