import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const serverPort = process.env.PORT ?? '8080';

/** The literal in client/sw.js that the build replaces with this release's file list. */
const SW_BUILD_PLACEHOLDER = "const BUILD = { version: 'development', assets: [] };";

/**
 * Writes the hand-written service worker (client/sw.js) to the root of the build as /sw.js, with
 * the release's hashed assets to precache and a version derived from them and index.html. A new
 * release therefore means a new worker, which replaces the old cache as a whole.
 */
function serviceWorker(): Plugin {
  return {
    name: 'clusterboard-service-worker',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir;
      if (!outDir) throw new Error('The service worker needs build.outDir.');
      const assets = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/') && !file.endsWith('.map'))
        .map((file) => `/${file}`)
        .sort();
      const html = await readFile(join(outDir, 'index.html'), 'utf8');
      const version = createHash('sha256').update(html).update(assets.join('\n')).digest('hex').slice(0, 16);
      const source = await readFile(new URL('./client/sw.js', import.meta.url), 'utf8');
      if (!source.includes(SW_BUILD_PLACEHOLDER)) throw new Error(`client/sw.js must contain: ${SW_BUILD_PLACEHOLDER}`);
      const build = `const BUILD = ${JSON.stringify({ version, assets })};`;
      await writeFile(join(outDir, 'sw.js'), source.replace(SW_BUILD_PLACEHOLDER, build));
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [react(), serviceWorker()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: their own files stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'yjs', test: /node_modules[\\/](yjs|lib0|y-protocols|y-websocket|y-indexeddb)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // `vite` (dev) proxies the API and sockets to a server started with `npm run dev:server`.
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/healthz': `http://127.0.0.1:${serverPort}`,
      '/ws': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
});
