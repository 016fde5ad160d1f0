/**
 * Clusterboard's service worker: keeps the app shell (index.html and the hashed /assets/ files)
 * so a board page loads without network. The board itself comes from IndexedDB (y-indexeddb) and
 * its info from localStorage, so nothing else is needed offline.
 *
 * - navigations: network first (a new release is picked up at once), the cached shell when the
 *   network fails or hangs;
 * - /assets/*: cache first (file names carry a content hash, so a cached file is never stale);
 * - /api/, /ws/ and everything else: not touched, always the network.
 *
 * Plain JavaScript on purpose: it is served as is from /sw.js, outside the Vite bundle, and the
 * project's TypeScript setup has DOM types, not service-worker ones. The `serviceWorker` plugin in
 * vite.config.ts writes it to dist/client/sw.js with BUILD filled in, so every release is a new
 * worker that precaches exactly its own files and removes the previous release's cache.
 */

// Replaced at build time (see vite.config.ts); this literal must stay exactly as it is.
const BUILD = { version: 'development', assets: [] };

const CACHE_PREFIX = 'clusterboard-shell-';
const CACHE = `${CACHE_PREFIX}${BUILD.version}`;
const SHELL = '/index.html';
/** A navigation that gets no answer within this time is served from the cache, if it can be. */
const NAVIGATION_TIMEOUT_MS = 4000;

const sw = /** @type {any} */ (self);

sw.addEventListener('install', (/** @type {any} */ event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `cache: 'reload'` skips the HTTP cache: the shell must match this release's assets.
      await cache.addAll([SHELL, ...BUILD.assets].map((url) => new Request(url, { cache: 'reload' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (/** @type {any} */ event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (/** @type {any} */ event) => {
  /** @type {Request} */
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  // Never cached: board data and sockets must always be the server's.
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/ws/') || url.pathname === '/healthz') return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request));
  }
});

/** @param {Request} request */
async function navigation(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(SHELL);
  const network = fetch(request).then(async (response) => {
    // Only a real page is worth keeping; the server's 404 page and errors are not.
    if (response.ok && (response.headers.get('content-type') ?? '').startsWith('text/html')) {
      await cache.put(SHELL, response.clone()).catch(() => undefined);
    }
    // A proxy's 502 while the server is down: the app can do better from its cache.
    return response.status >= 500 && cached ? cached : response;
  });
  if (!cached) return network;
  const timeout = new Promise((resolve) => setTimeout(() => resolve(cached), NAVIGATION_TIMEOUT_MS));
  // Whichever first: the network's answer, or the cached shell when the network fails or hangs.
  return Promise.race([network.catch(() => cached), timeout]);
}

/** @param {Request} request */
async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
