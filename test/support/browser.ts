import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from './server.ts';

/** Debian's chromium; `npx playwright install` cannot download here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or null when they can. */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const message = `no chromium at ${CHROMIUM} (apt-get install chromium): browser test skipped`;
  if (process.env.CI) throw new Error(`${message} — but CI must run browser tests`);
  console.log(`# ${message}`);
  return message;
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The app and a browser for one describe block: registers before/after hooks that start the
 * server (options as startServer takes them) and chromium, and close both afterwards.
 */
export function useBrowserApp(options: Parameters<typeof startServer>[0] = {}): { readonly server: TestServer; readonly browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}
