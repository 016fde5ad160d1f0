/**
 * [RG5] Draws the report's charts (shared/report/charts.ts): Vega-Lite compiles each spec, Vega
 * renders it to SVG on the server (no browser, no canvas), and resvg turns the SVG into a PNG at
 * twice the size for Word and print. The inputs are bounded (clusters capped, time buckets capped
 * by the engagement figures), so a chart costs milliseconds whatever the board.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { Translator } from '../../shared/i18n/translate';
import { reportCharts } from '../../shared/report/charts';
import type { Report } from '../../shared/report/report';

export interface RenderedChart {
  id: string;
  title: string;
  svg: string;
  /** The chart at twice its CSS size, for print sharpness. */
  png: Uint8Array;
  /** CSS pixels of the drawing at 1x. */
  width: number;
  height: number;
}

/**
 * The fonts resvg draws text with: DejaVu Sans (Debian's fonts-dejavu-core, which .ci/run
 * installs) covers every report language's letters, Cyrillic included. Loading two files is
 * faster than scanning the system and gives the same PNG on every machine; without them the
 * system's fonts are the fallback.
 */
const FONT_FILES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'];
const PNG_SCALE = 2;

function fontOptions() {
  const files = FONT_FILES.filter((file) => existsSync(file));
  return files.length > 0
    ? { fontFiles: files, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
    : { loadSystemFonts: true };
}

/**
 * Text widths for Vega's layout (axis room, legend columns, label cut-offs). Without a canvas Vega
 * guesses 0.8 em a character, too wide for DejaVu Sans: labels were cut short with room to spare.
 * This guess follows DejaVu Sans' advances by kind of letter, erring a little wide so nothing
 * overflows; Vega documents `textMetrics.width` as the hook for exactly this (vl-convert uses it).
 */
function advance(char: string): number {
  if (/[\s.,:;'|!]/.test(char)) return 0.34;
  if (/[iljtfr()[\]]/.test(char)) return 0.42;
  if (/[0-9]/.test(char)) return 0.64;
  if (/[mwMW]/.test(char)) return 0.9;
  if (char !== char.toLowerCase()) return 0.74;
  return 0.62;
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

function textWidth(item: TextItem, text: unknown): number {
  const value = Array.isArray(text) ? text.map(String).join('') : String(text ?? '');
  const size = item.fontSize ?? 11;
  const bold = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
  let em = 0;
  for (const char of value) em += advance(char);
  return Math.ceil(em * size * (bold ? 1.1 : 1));
}

/** What vega re-exports from vega-scenegraph at run time; its typings leave it out. */
const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
metrics.width = textWidth;

/** The root element's width and height: what Vega drew, in CSS pixels. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg[^>]*>/.exec(svg)?.[0] ?? '';
  const read = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1] ?? 0);
  return { width: read('width'), height: read('height') };
}

async function toSvg(spec: ReturnType<typeof reportCharts>[number]['spec']): Promise<string> {
  // Vega-Lite notes that a step-sized height cannot also fit: expected, so only errors are told.
  const view = new vega.View(vega.parse(compile(spec, { logger: vega.logger(vega.Error) }).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** [RG5] Every chart of the report, drawn: SVG for the page, PNG for Word. */
export async function renderCharts(report: Report, words: Translator): Promise<RenderedChart[]> {
  const font = fontOptions();
  const rendered: RenderedChart[] = [];
  // One after another: the charts are small, and this keeps one report's drawing off both cores.
  for (const chart of reportCharts(report, words)) {
    const svg = await toSvg(chart.spec);
    const { width, height } = svgSize(svg);
    const png = new Resvg(svg, { font, fitTo: { mode: 'zoom', value: PNG_SCALE }, background: 'white' }).render().asPng();
    rendered.push({ id: chart.id, title: chart.title, svg, png: new Uint8Array(png), width, height });
  }
  return rendered;
}
