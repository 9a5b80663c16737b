import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ConceptRepository } from '../../db/concepts.ts';
import { addUser } from '../support/accounts.ts';
import { browserSkipReason, useBrowserApp } from '../support/browser.ts';

const skip = browserSkipReason();

/**
 * The details a professional tool gets right (issue 18, item 5), seen in the browser: readable
 * labels for TBX values, destructive buttons that look different and ask first, a history with
 * field-level differences that names the concept, a change log that names concepts, a favicon
 * and plurals.
 */
describe('details a professional tool gets right', { skip: skip ?? false }, () => {
  const app = useBrowserApp();
  let unmik = 0;

  async function loggedIn(locale: string): Promise<Page> {
    if (!unmik) {
      await addUser(app.server.db, 'ada', 'admin');
      const repo = new ConceptRepository(app.server.db);
      const terms = [
        {
          text: 'United Nations Interim Administration Mission in Kosovo',
          lang: 'en',
          status: 'preferred' as const,
          type: 'fullForm' as const,
        },
        { text: 'UNMIK', lang: 'en', status: 'admitted' as const, type: 'acronym' as const, partOfSpeech: 'properNoun' },
        { text: '联合国科索沃临时行政当局特派团', lang: 'zh-CN', status: 'preferred' as const, type: 'fullForm' as const },
        { text: '科索沃', lang: 'zh-CN', status: 'preferred' as const },
      ];
      const created = repo.create({ subject: 'organisation', terms }, { actor: 'ada' });
      // one edit: a note added and a status changed, for the history and the change log
      repo.update(
        created.id,
        created.version,
        {
          subject: 'organisation',
          note: 'UN mission',
          terms: terms.map((t) => (t.text === 'UNMIK' ? { ...t, status: 'preferred' as const } : t)),
        },
        { actor: 'ada' },
      );
      repo.create(
        {
          terms: [
            { text: 'Kosovo', lang: 'en', status: 'preferred' },
            { text: '科索伏', lang: 'zh-CN', status: 'deprecated' },
          ],
        },
        { actor: 'ada' },
      );
      unmik = created.id;
    }
    const context = await app.browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/login`);
    await page.fill('input[name="name"]', 'ada');
    await page.fill('input[name="password"]', 'ada-password');
    await Promise.all([page.waitForURL(`${app.server.url}/`), page.click('form.login-form button[type="submit"]')]);
    return page;
  }

  test('TBX values show as readable labels on the concept and in its form, never raw', async () => {
    const page = await loggedIn('en-US');
    await page.goto(`${app.server.url}/concepts/${unmik}`);
    const shown = await page.locator('main').innerText();
    assert.match(shown, /full form/);
    assert.match(shown, /acronym/);
    assert.match(shown, /proper noun/);
    assert.doesNotMatch(shown, /fullForm|shortForm|properNoun/);
    await page.goto(`${app.server.url}/concepts/${unmik}/edit`);
    const chosen = await page
      .locator('select[name$="[type]"]')
      .evaluateAll((ss) => ss.map((s) => (s as HTMLSelectElement).selectedOptions[0]?.text ?? ''));
    assert.ok(chosen.includes('full form') && chosen.includes('acronym'), chosen.join(', '));
    assert.ok(!chosen.some((c) => /[a-z][A-Z]/.test(c)), `raw TBX values among ${chosen.join(', ')}`);
    await page.context().close();
  });

  test('the history names the concept and shows field-level differences; /changes names the concept', async () => {
    const page = await loggedIn('zh-CN');
    await page.goto(`${app.server.url}/concepts/${unmik}/history`);
    assert.match(
      await page.locator('h1').innerText(),
      /United Nations Interim Administration Mission in Kosovo|联合国科索沃临时行政当局特派团/,
    );
    const rows = await page.locator('.field-change').allInnerTexts();
    assert.ok(
      rows.some((r) => r.includes('备注') && r.includes('UN mission')),
      `a row for the note: ${rows.join(' / ')}`,
    );
    assert.ok(
      rows.some((r) => r.includes('UNMIK') && r.includes('许用') && r.includes('首选')),
      `a row for the status, with readable labels: ${rows.join(' / ')}`,
    );
    await page.goto(`${app.server.url}/changes`);
    const links = await page.locator(`table.changes a[href="/concepts/${unmik}/history"]`).allInnerTexts();
    assert.ok(links.length >= 2, 'the creation and the edit link to the concept');
    for (const l of links)
      assert.match(l, /United Nations Interim Administration Mission in Kosovo/, 'the link names the concept, not its number');
    // and says what changed, in the page's language
    const edit = await page
      .locator('table.changes tr', { has: page.locator(`a[href="/concepts/${unmik}/history"]`) })
      .first()
      .innerText();
    assert.match(edit, /备注已修改/);
    await page.context().close();
  });

  test('destructive buttons look different and ask before they act (delete a concept, remove an account)', async () => {
    const page = await loggedIn('en-US');
    await page.goto(`${app.server.url}/concepts/${unmik}`);
    const look = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => {
          const s = getComputedStyle(e);
          return `${s.color} ${s.borderColor} ${s.backgroundColor}`;
        });
    assert.notEqual(await look('button.danger'), await look('.actions a.button'));
    // Dismissed: nothing happens.
    page.once('dialog', (d) => void d.dismiss());
    await page.click('button.danger');
    await page.waitForTimeout(200);
    assert.equal(new URL(page.url()).pathname, `/concepts/${unmik}`);
    assert.ok(new ConceptRepository(app.server.db).get(unmik), 'the concept is still there');
    // Accepted: the question names the concept, and it is deleted.
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await Promise.all([page.waitForURL(/\/history\?deleted=1$/), page.click('button.danger')]);
    assert.match(asked, /United Nations Interim Administration Mission in Kosovo/);

    await addUser(app.server.db, 'temp', 'viewer');
    await page.goto(`${app.server.url}/users`);
    const remove = page.locator('form[action="/users/temp/delete"] button');
    assert.match((await remove.getAttribute('class')) ?? '', /danger/);
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await remove.click();
    await page.waitForTimeout(200);
    assert.match(asked, /temp/);
    assert.equal(await page.locator('form[action="/users/temp/delete"]').count(), 1, 'dismissed: the account stays');
    await page.context().close();
  });

  test('a favicon, and plurals: "1 name · 1 issue", not "1 issues"', async () => {
    const page = await loggedIn('en-US');
    await page.goto(`${app.server.url}/review`);
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    assert.ok(icon);
    const answer = await page.request.get(new URL(icon, app.server.url).href);
    assert.equal(answer.status(), 200);
    assert.match(answer.headers()['content-type'] ?? '', /image\/svg\+xml/);

    await page.fill('#review-text', '科索伏。');
    await Promise.all([page.waitForURL(`${app.server.url}/review`), page.click('#review-form button[type="submit"]')]);
    assert.match(await page.locator('.review-meta').innerText(), /1 name · 1 issue\./);
    assert.equal(await page.locator('.review-concepts .issue-count').first().innerText(), '1 issue');
    // The issue sentence, worded by the page: in English here, in Chinese on a Chinese page.
    assert.match(await page.locator('.review-issue .issue').innerText(), /科索伏 is deprecated for Kosovo/);
    await page.context().close();
    const zh = await loggedIn('zh-CN');
    await zh.goto(`${app.server.url}/review`);
    await zh.fill('#review-text', '科索伏。');
    await Promise.all([zh.waitForURL(`${app.server.url}/review`), zh.click('#review-form button[type="submit"]')]);
    assert.match(await zh.locator('.review-issue .issue').innerText(), /科索伏是Kosovo的不推荐形式/);
    await zh.context().close();
  });
});
