import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSkipReason, useBrowserApp } from '../support/browser.ts';

const skip = browserSkipReason();

describe('the alignment page in the browser', { skip: skip ?? false }, () => {
  const app = useBrowserApp({ seed: true });

  test('a reviewer pastes two texts, aligns them, sees the QA issue, fixes a pair and downloads TMX', async () => {
    const page = await app.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
      // Failed loads are caught by the response listener; the browser's own favicon request is not ours.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    await page.goto(`${app.server.url}/align`);
    await page.fill('#align-zh', '秘书长特别代表访问了普里什蒂纳。\n他随后前往贝尔格莱德。\n会议结束。');
    await page.fill(
      '#align-en',
      'The Special Representative of the Secretary-General visited Pristina.\nHe then travelled to Sofia.\nThe meeting ended.',
    );
    await page.click('#align-form button[type="submit"]');
    await page.waitForSelector('#align-rows tr');

    assert.equal(await page.locator('#align-rows tr').count(), 3);
    const issue = page.locator('#align-rows tr').nth(1).locator('.issue-wrong');
    assert.match(await issue.innerText(), /贝尔格莱德.*Sofia/);
    // Names are highlighted on both sides; the flagged ones stand out.
    assert.equal(await page.locator('#align-rows tr').nth(0).locator('td[lang="zh"] mark.term').count(), 2);
    assert.equal(await page.locator('#align-rows tr').nth(0).locator('td[lang="en"] mark.term').count(), 2);
    assert.equal(await page.locator('#align-rows tr').nth(1).locator('mark.flagged').count(), 2);

    // Fix: merge the second pair with the third; QA runs again on the corrected pairs.
    await page.locator('#align-rows tr').nth(1).locator('button[data-action="merge"]').click();
    await page.waitForFunction(() => document.querySelectorAll('#align-rows tr').length === 2);
    assert.match(await page.locator('#align-rows tr').nth(1).locator('td[lang="en"]').innerText(), /Sofia[\s\S]*meeting ended/);
    assert.equal(await page.locator('#align-rows .issue-wrong').count(), 1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#align-tmx')]);
    assert.equal(download.suggestedFilename(), 'alignment.tmx');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
