import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { browserSkipReason, useBrowserApp } from '../support/browser.ts';

const skip = browserSkipReason();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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

  test('the dot plot shows one mark per pair, doubtful ones as hollow squares, each linking to its row; axe finds nothing serious', async () => {
    const page = await app.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${app.server.url}/align`);
    assert.equal(await page.locator('#align-plot').isHidden(), true);
    // The third Chinese sentence has no counterpart: its pair is a doubtful one.
    await page.fill('#align-zh', '秘书长特别代表访问了普里什蒂纳。\n他随后前往贝尔格莱德。\n会议在二〇二〇年结束后，各方代表继续就许多尚未解决的问题进行了长时间的讨论。');
    await page.fill('#align-en', 'The Special Representative of the Secretary-General visited Pristina.\nHe then travelled to Belgrade.');
    await page.click('#align-form button[type="submit"]');
    await page.waitForSelector('#align-rows tr');
    await page.waitForSelector('#align-plot:not([hidden])');

    const rows = await page.locator('#align-rows tr').count();
    const dots = page.locator('#align-plot-dots a');
    assert.equal(await dots.count(), rows);
    // Confident and doubtful marks differ in shape, not only in colour.
    const shapes = await page.$$eval('#align-plot-dots use', (uses) => uses.map((u) => u.getAttribute('href')));
    assert.ok(shapes.includes('#plot-mark-sure'), String(shapes));
    assert.ok(shapes.includes('#plot-mark-doubtful'), String(shapes));
    assert.equal(await page.locator('.plot-legend li').count(), 2);
    // The dots climb from the top left: each is right of and below the one before, or level.
    const xy = await page.$$eval('#align-plot-dots use', (uses) => uses.map((u) => [Number(u.getAttribute('x')), Number(u.getAttribute('y'))]));
    for (let k = 1; k < xy.length; k++) assert.ok(xy[k]![0]! >= xy[k - 1]![0]! && xy[k]![1]! >= xy[k - 1]![1]!, JSON.stringify(xy));
    // Each mark's box is inside the drawn square: the plot is really drawn, not an empty element.
    const box = await page.locator('#align-plot-svg').boundingBox();
    assert.ok(box && box.width > 100 && box.height > 100, JSON.stringify(box));

    // A doubtful dot goes to its row.
    const doubtful = page.locator('#align-plot-dots a:has(use[href="#plot-mark-doubtful"])').first();
    const href = await doubtful.getAttribute('href');
    assert.match(href ?? '', /^#pair-\d+$/);
    await doubtful.click();
    assert.equal(new URL(page.url()).hash, href);
    const target = page.locator('#align-rows tr:target');
    assert.equal(await target.count(), 1);
    assert.equal(`#${await target.getAttribute('id')}`, href);
    assert.equal(await target.locator('td[lang="en"]').innerText(), '');

    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string }[] }> } })
        .axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
