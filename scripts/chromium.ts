/**
 * The Chromium every e2e test and benchmark launches, found in this order (TH3):
 * 1. `CHROMIUM_PATH`, if set (empty counts as unset);
 * 2. Playwright's own downloaded browser (`npx playwright install chromium`), if present;
 * 3. the system's Chromium or Chrome (`CHROMIUM_SYSTEM_PATHS`, a path list, replaces the usual
 *    places, so a test can pretend there is none);
 * 4. on Linux x64, the Chromium inside the `@sparticuz/chromium` devDependency: `npm install`
 *    brings it, brotli-packed, and its first use unpacks it to the temp folder (no download). It
 *    needs NSS and expat; where the system lacks them (a bare Debian), the package's own copies
 *    (its Amazon Linux 2023 pack) are unpacked beside it and put on `LD_LIBRARY_PATH`.
 * Launched headless, without sandbox (root in CI), and without the background networking this
 * machine's closed network would refuse.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

export interface FoundChromium {
  path: string;
  /** Where it was found, for the test runner's log. */
  source: 'CHROMIUM_PATH' | 'Playwright' | 'system' | '@sparticuz/chromium';
  /** Environment the browser process needs beyond ours (libraries of the packaged Chromium). */
  env: Record<string, string>;
}

const require = createRequire(import.meta.url);

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** One line for a machine with none: what to install. */
export const NO_CHROMIUM_HINT =
  'No Chromium found for the end-to-end tests: install Chromium or Google Chrome (Debian/Ubuntu: apt-get install chromium), ' +
  'run `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium binary.';

function playwrightChromium(): string | null {
  try {
    const { chromium } = require('playwright-core') as { chromium: { executablePath(): string } };
    const path = chromium.executablePath();
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function systemChromium(env: NodeJS.ProcessEnv): string | null {
  const paths = env.CHROMIUM_SYSTEM_PATHS !== undefined ? env.CHROMIUM_SYSTEM_PATHS.split(delimiter).filter(Boolean) : SYSTEM_PATHS;
  return paths.find((path) => existsSync(path)) ?? null;
}

/** Libraries `ldd` cannot find for `path` (none where `ldd` itself is missing). */
function missingLibraries(path: string, env: Record<string, string>): string[] {
  const result = spawnSync('ldd', [path], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0 || typeof result.stdout !== 'string') return [];
  return result.stdout
    .split('\n')
    .filter((line) => line.includes('not found'))
    .map((line) => line.trim().split(/\s/)[0] ?? line.trim());
}

function packagedChromium(): FoundChromium | null {
  if (platform() !== 'linux' || arch() !== 'x64') return null;
  let packageDir: string;
  try {
    // The package exports only its entry (build/cjs/index.cjs), two folders below its root.
    packageDir = join(dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  } catch {
    return null;
  }
  const binDir = join(packageDir, 'bin');
  // The package unpacks to <tmp>/chromium once; later runs find it there.
  let path = join(tmpdir(), 'chromium');
  if (!existsSync(path)) {
    const script = "const { default: c } = await import('@sparticuz/chromium'); process.stdout.write(await c.executablePath());";
    const unpacked = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: packageDir,
    });
    if (unpacked.status !== 0 || !unpacked.stdout) return null;
    path = unpacked.stdout.trim();
  }
  const env: Record<string, string> = {};
  const fonts = join(tmpdir(), 'fonts');
  if (existsSync(fonts)) env.FONTCONFIG_PATH = process.env.FONTCONFIG_PATH ?? fonts;
  if (missingLibraries(path, env).length > 0) {
    const libs = join(tmpdir(), 'clusterboard-chromium-al2023');
    if (!existsSync(join(libs, 'lib'))) {
      mkdirSync(libs, { recursive: true });
      const tar = brotliDecompressSync(readFileSync(join(binDir, 'al2023.tar.br')));
      spawnSync('tar', ['-x', '-C', libs], { input: tar });
    }
    env.LD_LIBRARY_PATH = [join(libs, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    const still = missingLibraries(path, env);
    if (still.length > 0) {
      process.stderr.write(`The packaged Chromium lacks ${still.join(', ')} even with its own libraries.\n`);
      return null;
    }
  }
  return { path, source: '@sparticuz/chromium', env };
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundChromium | null {
  if (env.CHROMIUM_PATH) return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH', env: {} };
  const playwright = playwrightChromium();
  if (playwright) return { path: playwright, source: 'Playwright', env: {} };
  const system = systemChromium(env);
  if (system) return { path: system, source: 'system', env: {} };
  return packagedChromium();
}

const found = findChromium();

/** The browser to launch; where there is none, Debian's path, so Playwright's own error names it. */
export const CHROMIUM_PATH = found?.path ?? '/usr/bin/chromium';

/** What the browser process needs in its environment (empty but for the packaged Chromium). */
export const CHROMIUM_ENV: Record<string, string> = found?.env ?? {};

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
