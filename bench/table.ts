/**
 * What a scenario reports, and how it is printed: a Markdown table (pasted as is into
 * docs/PERFORMANCE.md) with one row per server, a ratio row ours / reference, then the goals.
 */

export type Cell = number | string | null;

export interface Row {
  /** 'ours', 'reference', or a store name in the storage scenario. */
  server: string;
  values: Cell[];
}

export interface Goal {
  text: string;
  /** Null when it could not be judged (a server's figures are missing). */
  met: boolean | null;
}

export interface ScenarioResult {
  scenario: string;
  title: string;
  columns: string[];
  rows: Row[];
  goals: Goal[];
  notes: string[];
  /** Whether the real providers ended identical; null where a scenario has none. */
  converged: boolean | null;
}

function show(cell: Cell): string {
  if (cell === null) return '—';
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return String(cell);
  const abs = Math.abs(cell);
  if (Number.isInteger(cell) || abs >= 1000) return Math.round(cell).toLocaleString('en-GB');
  if (abs >= 100) return cell.toFixed(0);
  if (abs >= 10) return cell.toFixed(1);
  return cell.toFixed(2);
}

/** ours / reference, column by column, where both are numbers. */
export function ratioRow(rows: readonly Row[]): Row | null {
  const ours = rows.find((r) => r.server === 'ours');
  const reference = rows.find((r) => r.server === 'reference');
  if (!ours || !reference) return null;
  return {
    server: 'ours / reference',
    values: ours.values.map((value, i) => {
      const other = reference.values[i];
      if (typeof value !== 'number' || typeof other !== 'number' || other === 0) return null;
      return `${(value / other).toFixed(2)}×`;
    }),
  };
}

export function renderTable(result: ScenarioResult): string {
  const rows = [...result.rows];
  const ratio = ratioRow(rows);
  if (ratio) rows.push(ratio);
  const header = ['server', ...result.columns];
  const lines = [
    `### ${result.title}`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${[row.server, ...row.values.map(show)].join(' | ')} |`),
    '',
  ];
  for (const goal of result.goals) lines.push(`- ${goal.text}: **${goal.met === null ? 'not judged' : goal.met ? 'met' : 'missed'}**`);
  if (result.converged !== null) lines.push(`- real providers converged: **${result.converged ? 'yes' : 'NO'}**`);
  for (const note of result.notes) lines.push(`- ${note}`);
  return `${lines.join('\n')}\n`;
}

/** A cell of `row` by column name, as a number (null when absent or not a number). */
export function figure(result: ScenarioResult, server: string, column: string): number | null {
  const index = result.columns.indexOf(column);
  const value = result.rows.find((r) => r.server === server)?.values[index];
  return typeof value === 'number' ? value : null;
}
