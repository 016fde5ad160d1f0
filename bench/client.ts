/**
 * `npm run bench:client`: how a very large board behaves in real Chromium on this machine.
 *
 * Builds the client, starts the real server in this process on a temporary SQLite file, makes a
 * board of N notes (5,000 by default) in 15 cells with themes, and drives Chromium:
 *  - load:   navigation → "Live" with every note on screen, and sync → main thread idle
 *            (the end of the last long task), i.e. when the board answers input;
 *  - drag:   a mouse drag of one note across the grid, paced at 60 Hz; frame intervals (p50, p95);
 *  - remote: 40 notes added by another client (a Node y-websocket provider) → each in the DOM.
 * The same run on a 50-note board is the reference; figures are printed side by side.
 * Goals (issue "board experience"): interactive ≤ 1.5 s after sync, drag frame p95 ≤ 16 ms,
 * remote change ≤ 50 ms.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { createBoard } from '../server/access/boards';
import { startServer } from '../server/app';
import { createLogger } from '../server/log';
import { SqliteStore } from '../server/storage/sqlite';
import { initBoard } from '../shared/model/mutations/meta';
import { addNote } from '../shared/model/mutations/notes';
import { groupNotes } from '../shared/model/mutations/themes';
import { localOrigin, serverOrigin } from '../shared/model/origin';
import { CLUSTERS, DIMENSION_IDS, KIND_IDS } from '../shared/model/vocabulary';

const NOTES = Number(process.env.BENCH_NOTES ?? 5000);
const ROOT = join(import.meta.dirname, '..');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A board state with `count` notes spread over the 15 cells, a tenth of them in themes. */
function boardState(count: number): Uint8Array {
  const doc = new Y.Doc();
  const origin = serverOrigin('template');
  initBoard(doc, { title: `Benchmark (${count} notes)`, template: null }, origin);
  const ids: string[][] = [];
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const cell = i % 15;
      const dimension = DIMENSION_IDS[Math.floor(cell / 3)] ?? 'structure';
      const kind = KIND_IDS[cell % 3] ?? 'challenge';
      const cluster = CLUSTERS[i % CLUSTERS.length]?.id ?? null;
      const id = addNote(
        doc,
        {
          text: `Note ${i}: ${'members engagement strategy reporting '.repeat(1 + (i % 3))}`.trim(),
          dimension,
          kind,
          author: { id: `p${i % 40}`, name: `Person ${i % 40}`, cluster },
        },
        origin,
      );
      (ids[cell] ??= []).push(id);
    }
    ids.forEach((cellIds, cell) => {
      const dimension = DIMENSION_IDS[Math.floor(cell / 3)] ?? 'structure';
      const kind = KIND_IDS[cell % 3] ?? 'challenge';
      const inThemes = cellIds.slice(0, Math.ceil(cellIds.length / 10));
      for (let t = 0; t * 5 < inThemes.length; t++) {
        groupNotes(doc, inThemes.slice(t * 5, t * 5 + 5), { title: `Theme ${cell}-${t}`, dimension, kind }, origin);
      }
    });
  }, origin);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

interface Figures {
  notes: number;
  loadToLiveMs: number;
  syncToIdleMs: number;
  dragFrameP50: number;
  dragFrameP95: number;
  dragFrames: number;
  /** Share of frame intervals over 1.5 frames (a frame missed). */
  dragDroppedPct: number;
  remoteP50: number;
  remoteP95: number;
}

/**
 * BENCH_PROFILE: `js` (a CPU profile, self time per function) or `trace` (Chromium trace events,
 * time per event name) during the remote changes; `load` and `load-trace` the same from navigation
 * to idle.
 * Printed to stderr; the build is not minified then, so function names read. BENCH_PROFILE_FILE=/tmp/x
 * also writes each CPU profile as /tmp/x-1.cpuprofile (the reference board's), /tmp/x-2.cpuprofile.
 */
const PROFILE = process.env.BENCH_PROFILE ?? '';
let profiles = 0;

interface Profiling {
  stop(): Promise<string>;
  summary: string;
}

async function startProfile(page: Page, kind: 'js' | 'trace'): Promise<Profiling> {
  const cdp = await page.context().newCDPSession(page);
  const profiling: Profiling = { summary: '', stop: async () => '' };
  if (kind === 'js') {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    profiling.stop = async () => {
      const { profile } = await cdp.send('Profiler.stop');
      // For Chromium's DevTools (Performance > Load profile), or a closer look at who calls what.
      if (process.env.BENCH_PROFILE_FILE) writeFileSync(`${process.env.BENCH_PROFILE_FILE}-${++profiles}.cpuprofile`, JSON.stringify(profile));
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const deltas = profile.timeDeltas ?? [];
      (profile.samples ?? []).forEach((id, i) => {
        const frame = byId.get(id)?.callFrame;
        const key = `${frame?.functionName || '(anonymous)'} ${frame?.url.split('/').pop() ?? ''}:${frame?.lineNumber ?? 0}`;
        self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
      });
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
      profiling.summary = top.map(([k, v]) => `${v.toFixed(1).padStart(8)}  ${k}`).join('\n');
      return 'profile (self ms)';
    };
    return profiling;
  }
  const traceEvents: { name: string; dur?: number; tdur?: number; ph: string; pid: number; tid: number; args?: { name?: string } }[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => traceEvents.push(...(value as unknown as typeof traceEvents)));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  profiling.stop = async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    // The page's main thread only; its CPU time (tdur) next to wall time (dur), since on a busy
    // machine the wall time includes waiting for a core.
    const main = new Set(traceEvents.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}/${e.tid}`));
    const totals = new Map<string, { ms: number; cpu: number; n: number }>();
    for (const e of traceEvents) {
      if (e.ph !== 'X' || !e.dur || !main.has(`${e.pid}/${e.tid}`)) continue;
      const t = totals.get(e.name) ?? { ms: 0, cpu: 0, n: 0 };
      t.ms += e.dur / 1000;
      t.cpu += (e.tdur ?? 0) / 1000;
      t.n++;
      totals.set(e.name, t);
    }
    const top = [...totals].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 25);
    profiling.summary = top
      .map(([k, v]) => `${v.ms.toFixed(1).padStart(8)} ${v.cpu.toFixed(1).padStart(8)} ${String(v.n).padStart(6)}  ${k}`)
      .join('\n');
    return 'main thread trace (wall ms, CPU ms, count)';
  };
  return profiling;
}

async function measure(page: Page, url: string, serverPort: number, boardId: string, token: string, count: number): Promise<Figures> {
  await page.addInitScript(() => {
    const w = window as unknown as {
      __bench: { longTasks: { start: number; end: number }[]; liveAt: number | null; firstMessageAt: number | null };
    };
    w.__bench = { longTasks: [], liveAt: null, firstMessageAt: null };
    // The sync starts when the board socket delivers its first message.
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', () => (w.__bench.firstMessageAt ??= performance.now()), { once: true });
      }
    };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__bench.longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver(() => {
      if (w.__bench.liveAt === null && document.querySelector('[data-testid="connection"]')?.textContent === 'Live') {
        w.__bench.liveAt = performance.now();
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });

  const loading = PROFILE.startsWith('load') ? await startProfile(page, PROFILE === 'load-trace' ? 'trace' : 'js') : null;
  const started = Date.now();
  await page.goto(url);
  await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: 120_000 });
  await page.waitForFunction((n) => document.querySelectorAll('li.note').length >= n, count, { timeout: 120_000 });
  const loadToLiveMs = Date.now() - started;
  // Idle: no long task for a second.
  await page.waitForFunction(
    () => {
      const b = (window as unknown as { __bench: { longTasks: { end: number }[] } }).__bench;
      const last = b.longTasks.at(-1)?.end ?? 0;
      return performance.now() - last > 1000;
    },
    undefined,
    { timeout: 120_000, polling: 200 },
  );
  const syncToIdleMs = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { longTasks: { end: number }[]; liveAt: number; firstMessageAt: number } }).__bench;
    const last = Math.max(b.liveAt, ...b.longTasks.map((t) => t.end));
    return last - b.firstMessageAt;
  });
  if (loading) {
    process.stderr.write(`${await loading.stop()} from navigation to idle, ${count} notes:\n${loading.summary}\n`);
    const tasks = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { longTasks: { start: number; end: number }[]; firstMessageAt: number } }).__bench;
      return b.longTasks.map((t) => `${Math.round(t.start - b.firstMessageAt)}+${Math.round(t.end - t.start)}`);
    });
    process.stderr.write(`long tasks (start after the first message + duration, ms): ${tasks.join(' ')}\n`);
  }

  // Drag: pick the first note of the first cell, move across the grid at 60 Hz.
  const source = page.locator('[data-cell="structure/challenge"] li.note').first();
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  if (!from) throw new Error('no note to drag');
  // A string, not a function: tsx would wrap the named callback in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__framing = true;
    let last = performance.now();
    function tick(now) {
      window.__frames.push(now - last);
      last = now;
      if (window.__framing) requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(from.x + 20, from.y + 10);
  await page.mouse.down();
  for (let i = 1; i <= 90; i++) {
    await page.mouse.move(from.x + 20 + i * 9, from.y + 10 + Math.sin(i / 8) * 120);
    await page.waitForTimeout(16);
  }
  await page.keyboard.press('Escape');
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framing: boolean };
    w.__framing = false;
    return w.__frames.slice(5);
  });

  // Remote changes from another client: a person with a seat, as the guard requires (G4).
  const joined = await fetch(`http://127.0.0.1:${serverPort}/api/boards/${boardId}/people`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', cluster: 'gaia' }),
  });
  if (!joined.ok) throw new Error(`the remote writer could not join: ${joined.status} ${await joined.text()}`);
  const seat = (await joined.json()) as { personId: string; seat: string };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${serverPort}/ws`, boardId, doc, {
    params: { token, seat: seat.seat },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  await page.evaluate(() => {
    const w = window as unknown as { __seen: Map<string, number> };
    w.__seen = new Map();
    // Only added nodes are looked at, so the observer itself costs next to nothing.
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          for (const el of [node, ...node.querySelectorAll('.note-text')]) {
            const text = el.classList.contains('note-text') ? (el.textContent ?? '') : '';
            if (text.startsWith('remote-') && !w.__seen.has(text)) w.__seen.set(text, Date.now());
          }
        }
      }
    }).observe(document.body, { subtree: true, childList: true });
  });
  const latencies: number[] = [];
  const profiling = PROFILE === 'js' ? await startProfile(page, 'js') : PROFILE === 'trace' ? await startProfile(page, 'trace') : null;
  for (let i = 0; i < 40; i++) {
    const text = `remote-${i}`;
    const sent = Date.now();
    addNote(
      doc,
      { text, dimension: 'structure', kind: 'challenge', author: { id: seat.personId, name: 'Bench', cluster: 'gaia' } },
      localOrigin('bench'),
    );
    const seen = await page.waitForFunction((t) => (window as unknown as { __seen: Map<string, number> }).__seen.get(t) ?? null, text, {
      timeout: 30_000,
      polling: 'raf',
    });
    latencies.push(((await seen.jsonValue()) as number) - sent);
    await page.waitForTimeout(100);
  }
  if (profiling) process.stderr.write(`${await profiling.stop()} during remote changes, ${count} notes:\n${profiling.summary}\n`);
  provider.destroy();
  doc.destroy();

  return {
    notes: count,
    loadToLiveMs,
    syncToIdleMs: Math.round(syncToIdleMs),
    dragFrameP50: Math.round(percentile(frames, 50) * 10) / 10,
    dragFrameP95: Math.round(percentile(frames, 95) * 10) / 10,
    dragFrames: frames.length,
    dragDroppedPct: Math.round((frames.filter((f) => f > 25).length / Math.max(frames.length, 1)) * 1000) / 10,
    remoteP50: percentile(latencies, 50),
    remoteP95: percentile(latencies, 95),
  };
}

async function run(count: number): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clusterboard-bench-'));
  const store = new SqliteStore(join(dataDir, 'bench.sqlite'));
  const server = await startServer({ port: 0, host: '127.0.0.1', store, log: createLogger('warn'), clientDir: join(ROOT, 'dist', 'client') });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const board = await createBoard(store, { title: 'Benchmark', template: 'blank' });
    await store.compact(board.id, boardState(count), 0);
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
      `clusterboard:identity:${board.id}`,
      JSON.stringify({ id: 'bench-user', name: 'Bench', cluster: 'gaia' }),
    ] as const);
    const page = await context.newPage();
    const url = `${server.url}/b/${board.id}#token=${board.tokens.participant}`;
    return await measure(page, url, server.port, board.id, board.tokens.participant, count);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // A profiling run keeps function names readable.
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', ...(PROFILE ? { build: { minify: false } } : {}) });
  const reference = await run(50);
  const large = await run(NOTES);
  const rows: [string, keyof Figures, string, number | null][] = [
    ['navigation → Live, all notes shown (ms)', 'loadToLiveMs', '', null],
    ['first sync message → interactive (ms)', 'syncToIdleMs', '≤ 1500', 1500],
    ['drag frame interval p50 (ms)', 'dragFrameP50', '', null],
    // At 60 Hz a frame interval cannot be below 16.7 ms; p95 within 17.5 ms means the 95th
    // percentile frame still fit the 60 fps budget (allowing 0.8 ms of timer jitter).
    ['drag frame interval p95 (ms)', 'dragFrameP95', '≤ 17.5 (60 fps)', 17.5],
    ['drag frames dropped (%)', 'dragDroppedPct', '< 5', 4.99],
    ['remote change visible p50 (ms)', 'remoteP50', '', null],
    ['remote change visible p95 (ms)', 'remoteP95', '≤ 50', 50],
  ];
  const out = [`client benchmark: Chromium, ${NOTES} notes vs a 50-note reference`, ''];
  out.push(`${'figure'.padEnd(42)} ${'50 notes'.padStart(10)} ${`${NOTES} notes`.padStart(12)} ${'ratio'.padStart(7)}  goal`);
  for (const [label, key, goal, limit] of rows) {
    const a = reference[key];
    const b = large[key];
    const verdict = limit === null ? '' : b <= limit ? '  met' : '  MISSED';
    out.push(
      `${label.padEnd(42)} ${String(a).padStart(10)} ${String(b).padStart(12)} ${(b / Math.max(a, 0.1)).toFixed(1).padStart(7)}  ${goal}${verdict}`,
    );
  }
  out.push('', `drag frames sampled: ${reference.dragFrames} / ${large.dragFrames}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
