/**
 * [RD1] The report's sections, in the seed document's order, with their headings in the report's
 * language: what the Word report's contents field lists and the Markdown's contents list shows.
 * The introduction and the conclusion are left out when the facilitator wrote none [RD3].
 */
import type { Translator } from '../i18n/translate';
import type { Report } from './report';

export type PartId = 'introduction' | 'methodology' | 'clusters' | 'assessment' | 'dimension' | 'tandems' | 'engagement' | 'conclusion' | 'annex';

export interface Part {
  id: PartId;
  /** 1 for a chapter, 2 for a dimension's subsection (2.1-2.5). */
  level: 1 | 2;
  heading: string;
  /** The dimension's number, for the subsections. */
  number?: number;
}

export function outline(words: Translator, report: Report, escape: (text: string) => string): Part[] {
  const { t } = words;
  const chapter = (id: PartId, heading: string): Part => ({ id, level: 1, heading });
  return [
    ...(report.content.introduction.length > 0 ? [chapter('introduction', t('report.introduction'))] : []),
    chapter('methodology', t('report.methodology')),
    chapter('clusters', `1. ${t('report.clusters')}`),
    chapter('assessment', `2. ${t('report.assessment')}`),
    ...report.dimensions.map((d): Part => ({ id: 'dimension', level: 2, heading: `2.${d.number} ${escape(d.label)}`, number: d.number })),
    chapter('tandems', `3. ${t('report.tandems')}`),
    chapter('engagement', `4. ${t('report.engagement')}`),
    ...(report.content.conclusion.length > 0 ? [chapter('conclusion', t('report.conclusion'))] : []),
    chapter('annex', t('report.annex')),
  ];
}
