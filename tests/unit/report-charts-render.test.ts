/** The charts drawn on the server (SPEC RG3, RG5): real SVG and PNG, text in the report's language. */
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderCharts } from '../../server/reports/charts';
import { CLUSTERS } from '../../shared/model/vocabulary';
import { reportTranslator } from '../../shared/report/words';
import { fixtureReport, sampleBuckets } from '../helpers/reportFixture';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Dark pixels in rows [top, bottom) of a drawing: text, when nothing else is drawn there. */
function darkPixels(svg: string, top: number, bottom: number): number {
  const image = new Resvg(svg, {
    font: {
      fontFiles: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
      loadSystemFonts: false,
      defaultFontFamily: 'DejaVu Sans',
    },
  }).render();
  // One copy: `pixels` builds a new buffer on every read.
  const pixels = image.pixels;
  let dark = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      if ((pixels[i] ?? 255) < 100 && (pixels[i + 3] ?? 0) > 200) dark++;
    }
  }
  return dark;
}

describe('the charts, drawn (RG)', () => {
  it('[RG5] each chart is an SVG with its translated title and a PNG at twice its size', async () => {
    const charts = await renderCharts(fixtureReport(), await reportTranslator('de'));
    expect(charts.map((c) => c.title)).toEqual([
      'Beiträge je Cluster und Dimension',
      'Erhaltene Stimmen je Cluster',
      'Geschriebene Notizen je 5 Minuten (UTC)',
    ]);
    for (const chart of charts) {
      expect(chart.svg.startsWith('<svg')).toBe(true);
      expect(chart.svg).toContain(chart.title);
      expect([...chart.png.slice(0, 8)]).toEqual(PNG_MAGIC);
      expect(chart.width).toBe(600);
      expect(chart.height).toBeGreaterThan(100);
      expect(pngSize(chart.png)).toEqual({ width: chart.width * 2, height: chart.height * 2 });
    }
  });

  it('[RG5] the title is drawn as letters, Cyrillic included (a font was found)', async () => {
    const [chart] = await renderCharts(fixtureReport(), await reportTranslator('bg'));
    expect(chart?.svg).toContain('Приноси по клъстер и измерение');
    // The title sits in the top band (padding 12, 15 px type); nothing else is drawn there.
    expect(darkPixels(chart?.svg ?? '', 10, 32)).toBeGreaterThan(300);
  });

  it('[RG3] the largest board draws in bounded time and size', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      cluster: CLUSTERS[i]?.label ?? `Other: guest ${i} with a long cluster name that goes on and on`,
      participants: 1,
      notes: [1000, 2000, 3000, 4000, 5000],
      total: 15000,
      votes: 1_000_000,
    }));
    const started = performance.now();
    const charts = await renderCharts(
      fixtureReport({
        rows,
        overTime: sampleBuckets(
          Array.from({ length: 48 }, (_, i) => i * 100),
          1440,
        ),
      }),
      await reportTranslator('en'),
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(charts).toHaveLength(3);
    for (const chart of charts) {
      expect(chart.height).toBeLessThan(800);
      expect(chart.png.length).toBeLessThan(400_000);
    }
  });
});
