/**
 * One server per spec file, a fresh browser context per person, all closed after each test.
 * Call `useBoardServer()` at the top of a spec; `people.newPerson(browser)` opens a page.
 */
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, test } from '@playwright/test';
import { ServerProcess } from './server-process';

export interface BoardServer {
  /** The running server (valid inside tests). */
  readonly server: ServerProcess;
  newPerson(browser: Browser, options?: BrowserContextOptions): Promise<Page>;
}

export function useBoardServer(): BoardServer {
  let server: ServerProcess | null = null;
  const contexts: BrowserContext[] = [];

  test.beforeAll(async () => {
    server = await ServerProcess.start();
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  return {
    get server() {
      if (!server) throw new Error('The board server runs only inside tests.');
      return server;
    },
    async newPerson(browser, options = {}) {
      const context = await browser.newContext(options);
      contexts.push(context);
      return context.newPage();
    },
  };
}
