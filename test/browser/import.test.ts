import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConceptRepository } from '../../db/concepts.ts';
import { browserSkipReason, useBrowserApp } from '../support/browser.ts';

const skip = browserSkipReason();

describe('import and export pages in the browser', { skip: skip ?? false }, () => {
  const app = useBrowserApp();

  test('a terminologist previews an import, then imports it, and sees the report', async () => {
    const page = await app.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.server.url}/import`);
    const file = {
      name: 'g.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('en,zh-CN,zh-TW\nKosovo,科索沃,科索夫\n<b>Pristina</b>,普里什蒂纳,普里斯汀納\n'),
    };
    await page.setInputFiles('#import-file', file);
    await page.click('#import-preview');
    await page.waitForSelector('#import-report:not([hidden])');
    assert.match(await page.locator('#import-report-title').innerText(), /Preview/);
    assert.equal(await page.locator('#import-created').innerText(), '2');
    assert.match(await page.locator('#import-format-detected').innerText(), /header row of language tags/);
    assert.equal(new ConceptRepository(app.server.db).count(), 0, 'the preview wrote nothing');

    await page.click('#import-run');
    await page.waitForFunction(() => document.getElementById('import-report-title')?.textContent === 'Imported');
    assert.equal(await page.locator('#import-created').innerText(), '2');
    assert.equal(await page.locator('#import-progress').getAttribute('value'), '100');
    assert.equal(new ConceptRepository(app.server.db).count(), 2);
    assert.deepEqual(errors, []);
  });

  test('a broken file shows the problem with its line and column', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}/import`);
    await page.setInputFiles('#import-file', {
      name: 'bad.tbx',
      mimeType: 'application/xml',
      buffer: Buffer.from('<martif>\n<text><body></tig>'),
    });
    await page.click('#import-run');
    await page.waitForSelector('#import-error:not([hidden])');
    assert.match(await page.locator('#import-error').innerText(), /line 2, column \d+/);
  });

  test('the export page downloads a filtered file', async () => {
    const page = await app.browser.newPage();
    await page.goto(`${app.server.url}/export`);
    await page.check('input[name="format"][value="csv"]');
    await page.check('input[name="lang"][value="zh-TW"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[type="submit"]')]);
    const stream = await download.createReadStream();
    let text = '';
    for await (const chunk of stream) text += chunk.toString();
    assert.match(text, /科索夫/);
    assert.doesNotMatch(text, /Kosovo/);
  });
});
