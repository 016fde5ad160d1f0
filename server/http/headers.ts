/**
 * Security headers on every answer. The page may load only this server's scripts, styles and
 * sockets; nothing may frame it; data answers (JSON, exports) may load nothing at all. User text
 * is rendered by React as text, so these are a second line, not the first.
 */
import type { ServerResponse } from 'node:http';

/** For the app's HTML page. `connect-src 'self'` covers this origin's ws:// and wss:// sockets. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
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

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', DATA_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
}
