/**
 * [LG5] The words of the reports and of the CSV export's header, in one language: the one asked
 * for, else the board's, else English. Headings, sentences, plurals, dates and numbers come from
 * the catalogues (namespaces `report` and `csv`); note text, names and the template's content are
 * passed in as written (LG6).
 */
import { loadMessages, type MessageKey } from '../i18n/catalogue';
import { isLocale, type Locale, LOCALES, SOURCE_LOCALE } from '../i18n/locales';
import { createTranslator, type MessageValues, type Translator } from '../i18n/translate';
import type { TimeBucket } from './engagement';
import type { Report } from './report';

/** A language the product does not speak was asked for; the message lists the ones it does. */
export class UnknownLanguageError extends Error {
  override readonly name = 'UnknownLanguageError';
  constructor(readonly asked: string) {
    super(`There is no language "${asked.slice(0, 40)}": use one of ${LOCALES.join(', ')}.`);
  }
}

/**
 * The engagement table's header, the same in every report: cluster, participants, the
 * dimensions by short name (D1…), notes, and the votes column (`votes`: its heading) when any
 * vote was cast.
 */
export function engagementHeader(words: Translator, report: Report, votes: 'report.table.votes' | 'report.table.votesReceived'): string[] {
  const { t } = words;
  return [
    t('report.table.cluster'),
    t('report.table.participants'),
    ...report.engagement.dimensions.map((_, i) => t('report.dimension.short', { number: i + 1 })),
    t('report.table.notes'),
    ...(report.totals.votes > 0 ? [t(votes)] : []),
  ];
}

/** The learning tandems table's columns, in every format: need's cluster, need, offering cluster, practice, votes [RD7]. */
export function tandemHeader(words: Translator): string[] {
  const { t } = words;
  return [
    t('report.tandems.table.needCluster'),
    t('report.tandems.table.need'),
    t('report.tandems.table.offerCluster'),
    t('report.tandems.table.practice'),
    t('report.table.votes'),
  ];
}

/** The language of a report: `asked` (`?lang=`, `--lang`) when given, else the board's, else English. */
export function reportLocale(asked: string | null | undefined, board: Locale | null): Locale {
  if (asked === null || asked === undefined || asked === '') return board ?? SOURCE_LOCALE;
  if (!isLocale(asked)) throw new UnknownLanguageError(asked);
  return asked;
}

/** The translator the reports of `locale` are written with, English filling any gap. */
export async function reportTranslator(locale: Locale): Promise<Translator> {
  const english = await loadMessages(SOURCE_LOCALE);
  return createTranslator(locale, locale === SOURCE_LOCALE ? english : await loadMessages(locale), english);
}

/**
 * A message whose `<b>` part is marked up by `bold` (Markdown's `**`, or nothing where the whole
 * label is bold anyway).
 */
export function richText(words: Translator, key: MessageKey, values: MessageValues, bold: (text: string) => string): string {
  const out = words.intl.formatMessage({ id: key }, { ...values, b: (chunks: string[]) => bold(chunks.join('')) });
  return Array.isArray(out) ? out.join('') : String(out);
}

/**
 * The day a report was made. English keeps the ISO date its reports have always carried
 * (2026-03-14: unambiguous across the consortium); every other language writes the date the way
 * its readers do ("14 mars 2026"). UTC, as every time in the reports.
 */
export function reportDate(words: Translator, date: Date): string {
  if (words.locale === SOURCE_LOCALE) return date.toISOString().slice(0, 10);
  return words.intl.formatDate(date, { dateStyle: 'long', timeZone: 'UTC' });
}

/** A time chart bar's start: English keeps its ISO label; other languages their own short date and 24-hour time. */
export function bucketLabel(words: Translator, bucket: TimeBucket): string {
  if (words.locale === SOURCE_LOCALE) return bucket.label;
  const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' } as const;
  // The engagement figures add the date once the chart spans days ("2026-03-14 09:30").
  const withDate = bucket.label.length > 5;
  return withDate ? words.intl.formatDate(bucket.start, { ...time, day: 'numeric', month: 'short' }) : words.intl.formatTime(bucket.start, time);
}

/** "Notes written per 5 minutes (UTC)": the width of the time chart's bars, in words. */
export function overTimeHeading(words: Translator, minutes: number): string {
  if (minutes % 1440 === 0) return words.t('report.overTime', { unit: 'day', count: minutes / 1440 });
  if (minutes % 60 === 0) return words.t('report.overTime', { unit: 'hour', count: minutes / 60 });
  return words.t('report.overTime', { unit: 'minute', count: minutes });
}

/** A figure in a table or chart, in the language's digits and grouping. */
export function figure(words: Translator, value: number): string {
  return words.intl.formatNumber(value);
}
