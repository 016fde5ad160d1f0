/**
 * [I2] The words a CSV may use in any of the product's languages: an export downloaded in German
 * ("Dimension;Art;Text;Cluster;Autor", "Herausforderung", "kein Cluster") imports as it is. Read
 * from the catalogues themselves, so a new translation is accepted the day it is written.
 */
import bgCommon from '../i18n/messages/bg/common.json' with { type: 'json' };
import bgCsv from '../i18n/messages/bg/csv.json' with { type: 'json' };
import deCommon from '../i18n/messages/de/common.json' with { type: 'json' };
import deCsv from '../i18n/messages/de/csv.json' with { type: 'json' };
import enCommon from '../i18n/messages/en/common.json' with { type: 'json' };
import enCsv from '../i18n/messages/en/csv.json' with { type: 'json' };
import esCommon from '../i18n/messages/es/common.json' with { type: 'json' };
import esCsv from '../i18n/messages/es/csv.json' with { type: 'json' };
import frCommon from '../i18n/messages/fr/common.json' with { type: 'json' };
import frCsv from '../i18n/messages/fr/csv.json' with { type: 'json' };
import ltCommon from '../i18n/messages/lt/common.json' with { type: 'json' };
import ltCsv from '../i18n/messages/lt/csv.json' with { type: 'json' };
import plCommon from '../i18n/messages/pl/common.json' with { type: 'json' };
import plCsv from '../i18n/messages/pl/csv.json' with { type: 'json' };
import type { KindId } from '../model/vocabulary';

type Common = typeof enCommon;
type Csv = typeof enCsv;
const LANGUAGES: readonly { common: Common; csv: Csv }[] = [
  { common: enCommon, csv: enCsv },
  { common: deCommon, csv: deCsv },
  { common: bgCommon, csv: bgCsv },
  { common: ltCommon, csv: ltCsv },
  { common: plCommon, csv: plCsv },
  { common: esCommon, csv: esCsv },
  { common: frCommon, csv: frCsv },
];

export type CsvColumn = 'dimension' | 'kind' | 'text' | 'cluster' | 'author';

/** Each language's header of a column, as the CSV export writes it. */
export const COLUMN_WORDS: ReadonlyArray<readonly [string, CsvColumn]> = LANGUAGES.flatMap(({ csv }) => [
  [csv['column.dimension'], 'dimension'],
  [csv['column.kind'], 'kind'],
  [csv['column.text'], 'text'],
  [csv['column.cluster'], 'cluster'],
  [csv['column.author'], 'author'],
]);

/** Each language's name of a kind. */
export const KIND_WORDS: ReadonlyArray<readonly [string, KindId]> = LANGUAGES.flatMap(({ common }) => [
  [common['kind.challenge'], 'challenge'],
  [common['kind.need'], 'need'],
  [common['kind.good-practice'], 'good-practice'],
]);

/** What an export writes for a note of no cluster, in each language: read back as no cluster. */
export const NO_CLUSTER_WORDS: readonly string[] = LANGUAGES.flatMap(({ common }) => [
  common['attribution.noCluster'],
  common['attribution.consortium'],
]);

/** What an export writes before the name of a cluster outside the six ("Andere: "), in each language. */
export const OTHER_CLUSTER_PREFIXES: readonly string[] = LANGUAGES.map(
  ({ common }) => common['attribution.otherCluster'].split('{name}')[0] ?? '',
).filter((prefix) => prefix.trim() !== '');
