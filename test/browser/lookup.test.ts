import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSkipReason, useBrowserApp } from '../support/browser.ts';

const skip = browserSkipReason();

describe('lookup as the translator types', { skip: skip ?? false }, () => {
  const app = useBrowserApp({ seed: true });

  test('typing plsdn shows Pristina first, and Enter opens it', async () => {
    const page = await app.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.server.url}/`);
    await page.locator('#q').pressSequentially('plsdn', { delay: 40 });
    // the list is drawn for the whole query once the address shows it (earlier keystrokes draw earlier lists)
    await page.waitForURL(/\?q=plsdn$/);
    const first = page.locator('.lookup-result').first();
    await first.locator('.lookup-title', { hasText: 'Pristina' }).waitFor();
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    // every form, grouped by region, with status badges; a copy button for each form of the chosen result
    assert.match(
      await first.locator('.lookup-group[data-lang="zh-TW"]').innerText(),
      /普里斯汀納[\s\S]*preferred[\s\S]*普里斯提納[\s\S]*deprecated/,
    );
    assert.equal(await first.locator('.lookup-group[data-lang="en"] .term-text').first().innerText(), 'Pristina');
    assert.equal(await page.locator('#lookup-copy button.copy').count(), await first.locator('.term').count());
    // an option holds no buttons or links (ARIA: an option's content is presentational)
    assert.equal(await page.locator('[role="option"] button, [role="option"] a').count(), 0);

    await page.locator('#q').press('Enter');
    await page.waitForURL(/\/concepts\/\d+$/);
    assert.match(await page.locator('h1').innerText(), /Pristina/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('↑/↓ choose another result and Enter opens that one', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}/`);
    await page.locator('#q').pressSequentially('kosovo', { delay: 30 });
    await page.waitForURL(/\?q=kosovo$/);
    await page
      .locator('.lookup-result')
      .first()
      .locator('.lookup-title', { hasText: /^Kosovo$/ })
      .waitFor();
    await page.locator('#q').press('ArrowDown');
    const second = page.locator('.lookup-result').nth(1);
    assert.equal(await second.getAttribute('aria-selected'), 'true');
    const id = await second.getAttribute('data-id');
    await page.locator('#q').press('Enter');
    await page.waitForURL(new RegExp(`/concepts/${id}$`));
    await page.close();
  });

  test('a misspelt name says "did you mean"; the suggestion searches for it; cards say how they matched', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}/`);
    await page.locator('#q').pressSequentially('Koshovo', { delay: 30 });
    await page.waitForURL(/\?q=Koshovo$/);
    await page.locator('#lookup-suggestions a', { hasText: 'Kosovo' }).waitFor();
    assert.match(await page.locator('#lookup-status').innerText(), /Did you mean/);
    assert.match(await page.locator('.lookup-result').first().locator('.lookup-how').innerText(), /close spelling/);
    await page.locator('#lookup-suggestions a', { hasText: 'Kosovo' }).click();
    await page.waitForURL(/\?q=Kosovo$/);
    await page.locator('#lookup-suggestions').waitFor({ state: 'hidden' });
    const first = page.locator('.lookup-result').first();
    assert.match(await first.locator('.lookup-how').innerText(), /exact match/);
    assert.ok((await first.locator('.lookup-definition').innerText()).length > 0);
    assert.match(await first.locator('.lookup-source').innerText(), /^Source: /);
    await page.close();
  });

  test('the copy button copies the term', async () => {
    const context = await app.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/?q=${encodeURIComponent('科索夫')}`);
    const button = page.locator('#lookup-copy button.copy[data-copy="科索夫"]');
    await button.click();
    // the handler copies asynchronously, then says so on the button
    await page.locator('#lookup-copy button.copy.copied').waitFor();
    assert.equal(await button.innerText(), 'Copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '科索夫');
    await context.close();
  });
});
