/** Security headers on every answer (SPEC H2). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeDataDir, tempDataDir } from '../helpers/server';
import { boardOn, cleanupAfterEach, serverFor } from './support';

const defer = cleanupAfterEach();

describe('security headers', () => {
  it('[H2] the page may run only its own scripts and cannot be framed; data answers may load nothing', async () => {
    const clientDir = tempDataDir();
    defer(() => removeDataDir(clientDir));
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(clientDir, 'assets', 'app.js'), 'export {};');
    const { current: ts } = await serverFor(defer, { overrides: { clientDir } });
    const board = await boardOn(ts);
    const base = ts.server.url;

    const page = await fetch(`${base}/b/${board.id}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');

    const answers = [
      await fetch(`${base}/assets/app.js`),
      await fetch(`${base}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.tokens.viewer}` } }),
      await fetch(`${base}/api/boards/${board.id}/export?format=md`, { headers: { authorization: `Bearer ${board.tokens.participant}` } }),
      await fetch(`${base}/api/boards/nosuchboard123`),
      page,
    ];
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options'), answer.url).toBe('nosniff');
      expect(answer.headers.get('x-frame-options'), answer.url).toBe('DENY');
      expect(answer.headers.get('referrer-policy'), answer.url).toBe('no-referrer');
      expect(answer.headers.get('cross-origin-opener-policy'), answer.url).toBe('same-origin');
    }
    for (const answer of answers.slice(1, 4)) expect(answer.headers.get('content-security-policy'), answer.url).toMatch(/^default-src 'none'/);
  });
});
