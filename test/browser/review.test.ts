import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { browserSkipReason, useBrowserApp } from '../support/browser.ts';

const skip = browserSkipReason();

// Seed 000 as a user would paste it (the whole file when ../shared is there, else our excerpt of it).
const seedPath = new URL('../../../shared/seeds/000_23387f395cf972d1.txt', import.meta.url);
const seed000 = existsSync(seedPath)
  ? readFileSync(seedPath, 'utf8')
  : readFileSync(new URL('../fixtures/review/000-excerpt.txt', import.meta.url), 'utf8');

describe('document review in the browser', { skip: skip ?? false }, () => {
  const app = useBrowserApp({ seed: true });

  test('an editor pastes seed 000 and sees 普里什蒂纳 highlighted, with its English equivalent on hover', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}/review`);
    await page.fill('#review-text', seed000);
    await Promise.all([page.waitForURL(`${app.server.url}/review`), page.click('button[type="submit"]:has-text("Review")')]);
    const mark = page.locator('#review-document mark.tb-term', { hasText: '普里什蒂纳' }).first();
    await mark.waitFor();
    await mark.hover();
    const tip = page.locator('#review-tooltip');
    await tip.waitFor({ state: 'visible' });
    const shown = await tip.innerText();
    assert.match(shown, /Pristina/);
    assert.match(shown, /zh-TW: 普里斯汀納/);
    // The side list links the concept page.
    const link = page.locator('.review-concepts').getByRole('link', { name: 'Pristina', exact: true });
    assert.match((await link.getAttribute('href')) ?? '', /^\/concepts\/\d+$/);
    await page.close();
  });

  test('the document is one tab stop; inside it n/p move from issue to issue and ←/→ from name to name', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}/review`);
    await page.fill('#review-text', '科索沃和科索夫。普里什蒂纳。普里斯提納。');
    await page.selectOption('#review-locale', 'zh-CN');
    await Promise.all([page.waitForURL(`${app.server.url}/review`), page.click('button[type="submit"]:has-text("Review")')]);
    const doc = page.locator('#review-document');
    await doc.waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.textContent);
    // no marked name is a tab stop of its own
    assert.equal(await doc.locator('mark[tabindex="0"], mark:not([tabindex])').count(), 0);
    // outside the document a single key is just a key
    const inDocument = async () => page.evaluate((d) => d.contains(document.activeElement), await doc.elementHandle());
    await page.locator('h1').click();
    await page.keyboard.press('n');
    assert.equal(await inDocument(), false);
    await doc.focus();
    await page.keyboard.press('n');
    assert.equal(await focused(), '科索夫');
    assert.match(await page.locator('#review-tooltip').innerText(), /use 科索沃/);
    await page.keyboard.press('n');
    assert.equal(await focused(), '普里斯提納');
    await page.keyboard.press('p');
    assert.equal(await focused(), '科索夫');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focused(), '科索沃', 'the name before, issue or not');
    // Tab leaves the document in one step, whatever name had the focus
    await page.keyboard.press('Tab');
    assert.equal(await inDocument(), false);
    await page.close();
  });

  test('Enter on a marked name opens its concept', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}/review`);
    await page.fill('#review-text', '科索沃和普里什蒂纳。');
    await Promise.all([page.waitForURL(`${app.server.url}/review`), page.click('button[type="submit"]:has-text("Review")')]);
    const doc = page.locator('#review-document');
    await doc.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '普里什蒂纳');
    assert.match(await page.locator('#review-tooltip').innerText(), /open the concept/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/concepts\/\d+$/);
    assert.match(await page.locator('h1').innerText(), /Pristina/);
    await page.close();
  });

  test('the single-key shortcuts can be turned off, and stay off', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}/review`);
    await page.fill('#review-text', '科索沃和科索夫。');
    await page.selectOption('#review-locale', 'zh-CN');
    await Promise.all([page.waitForURL(`${app.server.url}/review`), page.click('button[type="submit"]:has-text("Review")')]);
    await page.locator('#review-keys-on').uncheck();
    await page.locator('#review-document').focus();
    await page.keyboard.press('n');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'review-document');
    await page.reload();
    assert.equal(await page.locator('#review-keys-on').isChecked(), false);
    await page.close();
  });

  test('HTML with <script>, onerror= and javascript: renders inert: nothing runs', async () => {
    const page = await app.browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${app.server.url}/review`);
    const hostile = [
      '<p>科索沃 <script>window.pwned = "script"; alert("script")</script></p>',
      '<img src="x" onerror="window.pwned = \'onerror\'; alert(\'onerror\')">',
      '<p onmouseover="window.pwned = \'handler\'">普里什蒂纳</p>',
      '<a id="evil" href="javascript:window.pwned=\'link\';alert(\'link\')">click 北约</a>',
      '<svg onload="window.pwned=\'svg\'"></svg><iframe srcdoc="<script>parent.pwned=1</script>"></iframe>',
    ].join('\n');
    await page.fill('#review-text', hostile);
    await page.selectOption('#review-format', 'html');
    await Promise.all([page.waitForURL(`${app.server.url}/review`), page.click('button[type="submit"]:has-text("Review")')]);
    const doc = page.locator('#review-document');
    await doc.waitFor();
    await doc.locator('mark', { hasText: '普里什蒂纳' }).hover();
    const link = doc.locator('a', { hasText: 'click' });
    if ((await link.count()) > 0) await link.click();
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned), undefined);
    assert.deepEqual(dialogs, []);
    assert.equal(await doc.locator('script, iframe, svg, img, [onerror], [onmouseover], [href^="javascript"]').count(), 0);
    assert.equal(await doc.locator('mark', { hasText: '科索沃' }).count(), 1, 'the text around the removed script is still reviewed');
    await page.close();
  });
});
