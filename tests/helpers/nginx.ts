/**
 * nginx in front of server instances, for tests, from the operators' own file: deploy/nginx.conf
 * with only its marked blocks replaced (the instances, keeping the template's passive-health
 * parameters, and a loopback listen address on a free port), inside a minimal main configuration
 * that keeps every path in a temporary directory. The test therefore checks the configuration
 * docs/deploy.md tells operators to install.
 *
 * The project's rule, as for PostgreSQL and Redis: tests needing nginx run in CI (.ci/run installs
 * it). With CI set and nginx missing, importing this module throws, which fails the suite with the
 * reason. Elsewhere those tests skip, loudly.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports';

export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
export const SITE_TEMPLATE = fileURLToPath(new URL('../../deploy/nginx.conf', import.meta.url));

const reason = existsSync(NGINX_BIN) ? null : `${NGINX_BIN} is missing`;
if (reason !== null && process.env.CI) {
  throw new Error(`nginx is unusable (${reason}). CI must run the nginx tests: .ci/run installs the nginx package, or set NGINX_BIN.`);
}
if (reason !== null) {
  console.warn(
    `\n!!! SKIPPING the nginx tests: ${reason}.\n!!! Install nginx (apt-get install nginx) or set NGINX_BIN to run them; CI always does.\n`,
  );
}

export const nginxAvailable = reason === null;

/** Replaces the lines between `# BEGIN <name>` and `# END <name>` (markers kept). */
function replaceBlock(text: string, name: string, render: (block: string, indent: string) => string[]): string {
  const pattern = new RegExp(`^([ \\t]*)# BEGIN ${name}\\n([\\s\\S]*?)^[ \\t]*# END ${name}$`, 'm');
  const match = pattern.exec(text);
  if (!match) throw new Error(`deploy/nginx.conf has no "# BEGIN ${name}" ... "# END ${name}" block.`);
  const indent = match[1] ?? '';
  const lines = render(match[2] ?? '', indent).map((line) => `${indent}${line}\n`);
  return text.replace(pattern, `${indent}# BEGIN ${name}\n${lines.join('')}${indent}# END ${name}`);
}

/**
 * deploy/nginx.conf for these instance ports, this listen port and logs in `logDir`. Each instance
 * gets the parameters of the template's first `server` line (max_fails, fail_timeout), so the test
 * runs with the passive health checks operators get.
 */
export function renderSite(template: string, options: { listenPort: number; instancePorts: readonly number[]; logDir: string }): string {
  if (options.instancePorts.length === 0) throw new Error('nginx needs at least one instance.');
  let site = replaceBlock(template, 'instances', (block) => {
    const first = /^\s*server\s+\S+([^;]*);/m.exec(block);
    if (!first) throw new Error('deploy/nginx.conf: the instances block has no server line.');
    const parameters = first[1] ?? '';
    return options.instancePorts.map((port) => `server 127.0.0.1:${port}${parameters};`);
  });
  site = replaceBlock(site, 'listen', () => [`listen 127.0.0.1:${options.listenPort};`, 'server_name _;']);
  // The same log directives, formats and levels, with files in `logDir`.
  site = replaceBlock(site, 'logs', (block) =>
    block
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.replace(/^(\w+)\s+\S*\/([^/\s]+)/, (_, directive: string, file: string) => `${directive} ${join(options.logDir, file)}`)),
  );
  return site;
}

/** What /etc/nginx/nginx.conf gives the site on a Debian machine, with every path in `dir`. */
function mainConfig(dir: string, sitePath: string): string {
  const temp = (name: string) => join(dir, 'temp', name);
  // As root, nginx runs its workers as nobody, who cannot use a private temporary directory.
  const runAsRoot = process.getuid?.() === 0;
  return [
    ...(runAsRoot ? ['user root;'] : []),
    'worker_processes 2;',
    'events { worker_connections 1024; }',
    'http {',
    `    client_body_temp_path ${temp('body')};`,
    `    proxy_temp_path ${temp('proxy')};`,
    `    fastcgi_temp_path ${temp('fastcgi')};`,
    `    uwsgi_temp_path ${temp('uwsgi')};`,
    `    scgi_temp_path ${temp('scgi')};`,
    `    include ${sitePath};`,
    '}',
    '',
  ].join('\n');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Nginx {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** The temporary directory: the rendered configuration, logs and temp files. */
  readonly dir: string;
  /** nginx's error logs so far (warnings and up: "connect() failed", "upstream server temporarily disabled"). */
  errorLog(): string;
  /** One line per request: status and the instance that answered (`upstream=`). */
  accessLog(): string;
  stop(): Promise<void>;
}

/**
 * Starts nginx (not as a daemon: a child of this process) in front of the instances on
 * `instancePorts`, and resolves once it answers HTTP. Stopped, and its directory removed, after
 * the test.
 */
export async function startNginx(defer: (task: () => unknown) => void, instancePorts: readonly number[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'clusterboard-nginx-'));
  defer(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'temp'));
  const port = await freePort();
  const sitePath = join(dir, 'clusterboard.conf');
  writeFileSync(sitePath, renderSite(readFileSync(SITE_TEMPLATE, 'utf8'), { listenPort: port, instancePorts, logDir: dir }));
  const configPath = join(dir, 'nginx.conf');
  writeFileSync(configPath, mainConfig(dir, sitePath));
  // nginx's own (start-up) errors; the site's requests log to its own files (the `logs` block).
  const errorLogPath = join(dir, 'error.log');
  const siteErrorLogPath = join(dir, 'clusterboard.error.log');
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');

  const child = spawn(
    NGINX_BIN,
    ['-p', `${dir}/`, '-c', configPath, '-g', `daemon off; master_process on; pid ${join(dir, 'nginx.pid')}; error_log ${errorLogPath} warn;`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  const stop = async () => {
    if (hasExited()) return;
    // SIGTERM is nginx's fast shutdown; SIGQUIT would wait for every board socket to close.
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  defer(stop);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (hasExited()) throw new Error(`nginx exited at start:\n${output}${read(errorLogPath)}${read(siteErrorLogPath)}`);
    try {
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer on ${url}:\n${output}${read(errorLogPath)}${read(siteErrorLogPath)}`);
      await sleep(50);
    }
  }
  return {
    url,
    port,
    dir,
    errorLog: () => read(errorLogPath) + read(siteErrorLogPath),
    accessLog: () => read(join(dir, 'clusterboard.access.log')),
    stop,
  };
}
