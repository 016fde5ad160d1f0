/**
 * The generated sentences of the report [RD4, RD5], the same in the Markdown and Word reports:
 * the cover's fields, the methodology (dimensions, dates, steps, voting rules, who took part) and
 * each dimension's short narrative. Participant text passes through `escape` (Markdown escapes it;
 * Word writes it as it is), translated text never does.
 */
import type { Translator } from '../i18n/translate';
import type { ReportSettings } from './content';
import type { Report, ReportDimension } from './report';
import { reportDate } from './words';
import type { RunStep } from './workshopRun';

type Escape = (text: string) => string;

/** A date as written by the facilitator ("2026-12-02") in the report's language; other text as it is. */
export function writtenDate(words: Translator, written: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(written)) return written;
  const date = new Date(`${written}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? written : reportDate(words, date);
}

/** The cover's title: the one the facilitator wrote, else the board's. */
export function coverTitle(report: Report): string {
  return report.content.settings.title.trim() || report.title;
}

/** The cover's date: the deliverable's date as written, else the day the report was made. */
export function coverDate(words: Translator, report: Report): string {
  const written = report.content.settings.date.trim();
  return written ? writtenDate(words, written) : reportDate(words, report.generatedAt);
}

/** The cover's identity table, the fields the facilitator left blank left out (date always there). */
export function coverFields(words: Translator, report: Report): { label: string; value: string }[] {
  const { t } = words;
  const settings: ReportSettings = report.content.settings;
  const fields: [string, string][] = [
    [t('report.cover.version'), settings.version],
    [t('report.cover.date'), coverDate(words, report)],
    [t('report.cover.dissemination'), settings.dissemination],
    [t('report.cover.type'), settings.type],
    [t('report.cover.editor'), settings.editor],
  ];
  return fields.filter(([, value]) => value.trim() !== '').map(([label, value]) => ({ label, value: value.trim() }));
}

/** The running header: "D1.4 · Title", or the title alone. */
export function headerText(report: Report): string {
  const deliverable = report.content.settings.deliverable.trim();
  return deliverable ? `${deliverable} · ${coverTitle(report)}` : coverTitle(report);
}

/** How many took part, from the engagement figures [AT3, AT5]: people, clusters, and those in none. */
export function peopleSentence(words: Translator, report: Report): string {
  const { rows, totals } = report.engagement;
  if (totals.participants === 0) return words.t('report.participants.none');
  const clusters = rows.filter((row) => row.cluster !== report.noClusterLabel).length;
  const noCluster = rows.find((row) => row.cluster === report.noClusterLabel)?.participants ?? 0;
  return words.t('report.methodology.people', { people: totals.participants, clusters, noCluster });
}

/** The day or days contributions were written, or null when nobody wrote. */
export function datesSentence(words: Translator, report: Report): string | null {
  const days = report.engagement.days;
  const first = days[0];
  const last = days.at(-1);
  if (first === undefined || last === undefined) return null;
  return words.t('report.methodology.dates', { count: days.length, first: writtenDate(words, first), last: writtenDate(words, last) });
}

/** One run-sheet step as run: its title, length and what it asked of people. */
export function stepLine(words: Translator, step: RunStep, escape: Escape): string {
  const { t } = words;
  const traits = [
    ...(step.privateWriting ? [t('report.methodology.step.private')] : []),
    ...(step.voting ? [t('report.methodology.step.voting')] : []),
    ...(step.locked ? [t('report.methodology.step.locked')] : []),
  ];
  const head = t('report.methodology.step', { title: escape(step.title), minutes: Math.round(step.minutes) });
  return traits.length > 0 ? t('report.methodology.step.with', { step: head, traits: traits.join(', ') }) : head;
}

/** The voting round's rules: budget, the cap per note and per cluster, whether totals were hidden. */
export function votingSentence(words: Translator, report: Report): string | null {
  const voting = report.run.voting;
  if (!voting) return null;
  return words.t('report.methodology.voting', {
    budget: voting.budget,
    maxPerNote: voting.maxPerNote,
    cap: voting.clusterCap ?? 0,
    hidden: voting.hideResults ? 'yes' : 'no',
  });
}

/** A sentence as it ends: with its own stop, or a full stop added. */
function sentence(text: string): string {
  return /[.!?…:;]$/.test(text) ? text : `${text}.`;
}

/**
 * A dimension's short narrative: how many challenges were recorded and in how many themes, one
 * sentence per theme from its title and statement, then the needs and the good practices and whose.
 */
export function dimensionNarrative(words: Translator, dimension: ReportDimension, escape: Escape): string {
  const challenges = dimension.sections.find((s) => s.kind === 'challenge');
  const themed = (challenges?.groups ?? []).filter((g) => g.theme !== null);
  const clusters = [...new Set(dimension.practices.map((p) => escape(p.cluster)))];
  const themes = themed.map((g) => {
    const title = escape(g.theme?.title ?? '') || words.t('report.theme.untitled');
    const statement = escape(g.theme?.statement ?? '');
    return sentence(statement ? words.t('report.narrative.theme', { title, statement }) : title);
  });
  return [
    words.t('report.narrative.challenges', { dimension: escape(dimension.label), challenges: challenges?.noteCount ?? 0, themes: themed.length }),
    ...themes,
    words.t('report.narrative.practices', {
      needs: dimension.needs.length,
      practices: dimension.practices.length,
      clusters: words.intl.formatList(clusters, { type: 'conjunction' }),
    }),
  ].join(' ');
}
