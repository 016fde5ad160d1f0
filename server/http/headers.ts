/**
 * Security headers on every answer. The page may load only this server's scripts, styles and
 * sockets; nothing may frame it; data answers (JSON, exports) may load nothing at all. User text
 * is rendered by React as text, so these are a second line, not the first.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { PRINT_STYLES } from '../../shared/report/htmlStyles';

/**
 * [RG6] The printable report's one inline style sheet, allowed by its hash: the page opened from
 * the board is a blob URL and inherits the app's policy, which allows no other inline style.
 */
const PRINT_STYLES_HASH = `'sha256-${createHash('sha256').update(PRINT_STYLES).digest('base64')}'`;

/** For the app's HTML page. `connect-src 'self'` covers this origin's ws:// and wss:// sockets. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${PRINT_STYLES_HASH}`,
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** For everything else: API answers, downloads, assets. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** [RG6] For the printable report served by the export route: its own style sheet, nothing else, no script. */
export const REPORT_CSP = `default-src 'none'; style-src ${PRINT_STYLES_HASH}; frame-ancestors 'none'; sandbox`;

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', DATA_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
}
