import { build } from 'vite';

/** E2E tests drive the built client, so build it once from the current sources. */
export default async function globalSetup(): Promise<void> {
  await build({ logLevel: 'warn' });
}
