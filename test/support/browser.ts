import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's chromium; `npx playwright install` cannot download here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
