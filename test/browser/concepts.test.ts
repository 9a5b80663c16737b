import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSkipReason, useBrowserApp } from '../support/browser.ts';

const skip = browserSkipReason();

describe('concept editing in the browser', { skip: skip ?? false }, () => {
  const app = useBrowserApp();

  test('a terminologist creates a concept in the form, edits it, and sees it in the list', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}/concepts/new`);
    await page.fill('input[name="subject"]', 'place');
    const rows = page.locator('#term-rows tr');
    await rows.nth(0).locator('input[name$="[text]"]').fill('Pristina');
    await rows.nth(0).locator('input[name$="[lang]"]').fill('en');
    await rows.nth(1).locator('input[name$="[text]"]').fill('普里什蒂纳');
    await rows.nth(1).locator('input[name$="[lang]"]').fill('zh-CN');
    await page.click('button[type="submit"]:has-text("Save")');
    await page.waitForURL(/\/concepts\/\d+\?saved=1$/);
    assert.match(await page.locator('h1').innerText(), /Pristina/);

    await page.click('a:has-text("Edit")');
    await page.click('#add-term');
    const last = page.locator('#term-rows tr').last();
    await last.locator('input[name$="[text]"]').fill('普里斯汀納');
    await last.locator('input[name$="[lang]"]').fill('zh-TW');
    await page.click('button[type="submit"]:has-text("Save")');
    await page.waitForURL(/saved=1/);
    assert.match(await page.locator('.lang-group:has(.term-text[lang="zh-TW"])').innerText(), /普里斯汀納/);

    await page.goto(`${app.server.url}/concepts?q=普里`);
    const list = await page.locator('table.concepts').innerText();
    assert.match(list, /Pristina/);
    assert.match(list, /普里什蒂纳/);
    await page.close();
  });
});
