import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkipReason, useBrowserApp } from '../support/browser.ts';

const skip = browserSkipReason();
const DOC = readFileSync(new URL('../fixtures/candidates/003-excerpt.html', import.meta.url), 'utf8');

/**
 * Lookup: the home page's `/?q=` when it renders results server-side (the lookup page),
 * else the concept list's text filter. Returns the text of the results.
 */
async function lookUp(page: Page, base: string, q: string): Promise<{ where: string; text: string }> {
  await page.goto(`${base}/?q=${encodeURIComponent(q)}`);
  const home = await page.locator('main').innerText();
  if (home.includes(q)) return { where: '/', text: home };
  console.log('# the home page shows no lookup results for ?q= yet: looked up through /concepts?q=');
  await page.goto(`${base}/concepts?q=${encodeURIComponent(q)}`);
  return { where: '/concepts', text: await page.locator('main').innerText() };
}

describe('candidate review in the browser', { skip: skip ?? false }, () => {
  const app = useBrowserApp({ seed: true });

  test('a terminologist submits a document, accepts a candidate, and finds it by lookup', async () => {
    const page = await app.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.server.url}/candidates`);
    await page.fill('#extract-name', 'guancha 2022-04-27');
    await page.fill('#extract-text', DOC);
    await page.click('#extract-form button[type="submit"]');
    await page.waitForSelector('#extract-summary');

    const card = page.locator('article.candidate', { has: page.locator('h2', { hasText: '杜加里克' }) });
    await card.waitFor();
    assert.match(await card.locator('.evidence').innerText(), /杜加里克（Stephane Dujarric）/);
    assert.match(await card.locator('tr.unverified').innerText(), /unverified/);
    await card.locator('button.accept').click();
    await page.waitForURL(/done=accepted&concept=\d+/);
    assert.match(await page.locator('.flash').innerText(), /accepted/);

    const found = await lookUp(page, app.server.url, '杜加里克');
    assert.match(found.text, /杜加里克/, `not found by lookup at ${found.where}`);
    assert.match(found.text, /Stephane Dujarric/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
