/** The report as Markdown. Every piece of participant text is escaped: it renders as text. */
import { bucketWidthLabel } from './engagement';
import type { Report, ReportGroup, ReportNote } from './report';

/**
 * Escapes what Markdown (and the HTML it may contain) would interpret inside a line: emphasis,
 * code, links, tables, raw HTML. Our lines always start with our own markup, so block syntax
 * at the start of a participant's text cannot take effect. Line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/\n+/g, ' ');
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function votes(count: number): string {
  return count > 0 ? ` (${count} ${count === 1 ? 'vote' : 'votes'})` : '';
}

function noteLine(note: ReportNote, attribute: boolean): string {
  const who = attribute ? ` — *${escapeMarkdown(note.cluster)}*` : '';
  const carried = note.carriedFrom ? ` *(from “${escapeMarkdown(note.carriedFrom)}”)*` : '';
  const source = note.source ? ` *(${escapeMarkdown(note.source)})*` : '';
  return `- ${escapeMarkdown(note.text)}${who}${votes(note.votes)}${carried}${source}`;
}

function group(lines: string[], g: ReportGroup, attribute: boolean, afterThemes: boolean): void {
  if (g.theme) {
    lines.push(`**${escapeMarkdown(g.theme.title)}**${votes(g.theme.votes)}`, '');
    if (g.theme.statement) lines.push(`> ${escapeMarkdown(g.theme.statement)}`, '');
  } else if (afterThemes) {
    // A label of its own, or Markdown would join these to the last theme's list.
    lines.push('**Not in a theme**', '');
  }
  for (const note of g.notes) lines.push(noteLine(note, attribute));
  lines.push('');
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function renderMarkdown(report: Report): string {
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(report.title)}`, '');
  lines.push(
    `Report generated on ${formatDate(report.generatedAt)} from Clusterboard: ${count(report.totals.notes, 'note', 'notes')}, ${count(report.totals.themes, 'theme', 'themes')}, ${count(report.totals.links, 'matchmaking link', 'matchmaking links')}${report.totals.votes > 0 ? `, ${count(report.totals.votes, 'vote', 'votes')}` : ''}.`,
    '',
  );

  lines.push('## Participants', '');
  if (report.participantsByCluster.length === 0) lines.push('Nobody has joined this board yet.', '');
  for (const { cluster, names } of report.participantsByCluster) {
    lines.push(`- **${escapeMarkdown(cluster)}**: ${names.map(escapeMarkdown).join(', ')}`);
  }
  if (report.participantsByCluster.length > 0) lines.push('');

  for (const dimension of report.dimensions) {
    lines.push(`## ${dimension.number}. ${escapeMarkdown(dimension.label)}`, '');
    for (const section of dimension.sections) {
      lines.push(`### ${section.heading}`, '');
      if (section.groups.length === 0) {
        lines.push('*Nothing yet.*', '');
        continue;
      }
      const themed = section.groups.some((g) => g.theme !== null);
      for (const g of section.groups) group(lines, g, section.kind === 'good-practice', themed);
    }
  }

  lines.push('## Matchmaking: candidate learning tandems', '');
  if (report.tandems.length === 0) lines.push('No need has been linked to a good practice yet.', '');
  for (const tandem of report.tandems) {
    lines.push(`- **Need** (${escapeMarkdown(tandem.need.cluster)}): ${escapeMarkdown(tandem.need.text)}`);
    for (const practice of tandem.practices) {
      lines.push(`  - answered by **${escapeMarkdown(practice.cluster)}**: ${escapeMarkdown(practice.text)}`);
    }
    lines.push(`  - clusters involved: ${tandem.clusters.map(escapeMarkdown).join(', ')}`);
  }
  if (report.tandems.length > 0) lines.push('');

  lines.push('## Engagement', '');
  if (report.engagement.rows.length === 0) {
    lines.push('No participant contributions yet.', '');
  } else {
    const showVotes = report.totals.votes > 0;
    const header = ['Cluster', 'Participants', ...report.engagement.dimensions.map((_, i) => `D${i + 1}`), 'Notes', ...(showVotes ? ['Votes received'] : [])];
    lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
    for (const row of report.engagement.rows) {
      lines.push(`| ${[escapeMarkdown(row.cluster), row.participants, ...row.notes, row.total, ...(showVotes ? [row.votes] : [])].join(' | ')} |`);
    }
    lines.push('', report.engagement.dimensions.map((label, i) => `D${i + 1}: ${escapeMarkdown(label)}`).join('; ') + '.', '');
    lines.push(`Notes written per ${bucketWidthLabel(report.engagement.bucketMinutes)} (UTC):`, '');
    for (const bucket of report.engagement.overTime) lines.push(`- ${bucket.label}: ${bucket.notes}`);
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
