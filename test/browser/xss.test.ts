import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ConceptRepository } from '../../db/concepts.ts';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { startServer, type TestServer } from '../support/server.ts';

const skip = browserSkipReason();

/** Each payload would set window.__xss or open a dialog if it ever ran. */
const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2;alert(2)</script>',
  '"><svg onload=alert(3)>',
  '\'><iframe src="javascript:alert(4)"></iframe>',
  '{{constructor.constructor("alert(5)")()}}',
  '<a href="javascript:alert(6)">click</a>',
];

describe('user text renders inert in pages (XSS)', { skip: skip ?? false }, () => {
  let s: TestServer;
  let browser: Browser;
  let id: number;
  before(async () => {
    s = await startServer();
    const repo = new ConceptRepository(s.db);
    const input = (externalId: string) => ({
      subject: PAYLOADS[3]!,
      definition: PAYLOADS[2]!,
      note: PAYLOADS[0]!,
      externalId,
      terms: PAYLOADS.map((p, i) => ({
        text: `xss${i} ${p}`,
        lang: i % 2 ? 'zh-CN' : 'en',
        status: 'preferred' as const,
        note: p,
        source: PAYLOADS[6]!,
        region: PAYLOADS[1]!,
      })),
    });
    const c = repo.create(input(PAYLOADS[5]!), { actor: '<script>alert(7)</script>' });
    repo.create(input(PAYLOADS[3]!), { actor: 'test' }); // one left as created, for the list page
    // An edit, so that the payloads are also in the before/after of the history and /changes.
    repo.update(c.id, 1, { note: PAYLOADS[1]!, terms: [{ text: PAYLOADS[4]!, lang: 'en', status: 'preferred' }] }, { actor: PAYLOADS[0]! });
    id = c.id;
    repo.create(
      {
        terms: [
          { text: 'Kosovo', lang: 'en', status: 'preferred' },
          { text: '科索沃', lang: 'zh-CN', status: 'preferred' },
        ],
      },
      { actor: 'test' },
    );
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await s?.close();
  });

  async function visit(path: string): Promise<{ page: Page; dialogs: string[]; violations: string[] }> {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const violations: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto(s.url + path);
    assert.equal(res?.status(), 200, path);
    await page.waitForLoadState('load');
    // Give any injected handler (an <img> onerror fires after the failed load) a moment to run.
    await page.waitForTimeout(200);
    return { page, dialogs, violations };
  }

  for (const [name, path] of [
    ['the concept page', () => `/concepts/${id}`],
    ['the concept list', () => '/concepts?q=xss'],
    ['the edit form', () => `/concepts/${id}/edit`],
    ['the history page', () => `/concepts/${id}/history`],
    ['the recent changes page', () => '/changes'],
  ] as const) {
    test(`${name} shows the payloads as text and runs none of them`, async () => {
      const { page, dialogs, violations } = await visit(path());
      assert.deepEqual(dialogs, [], 'no alert/confirm/prompt opened');
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, 'no injected code ran');
      assert.equal(
        await page.locator('main script:not([src^="/static/"]), main iframe, main svg, main img[src="x"]').count(),
        0,
        'no injected element exists',
      );
      assert.equal(await page.locator('main a[href^="javascript:"]').count(), 0, 'no javascript: link');
      // Our own scripts ran without tripping the Content-Security-Policy.
      assert.deepEqual(violations, []);
      const text = await page.locator('main').innerText();
      assert.ok(
        PAYLOADS.some((p) => text.includes(p) || text.includes(p.trim())),
        `the payload is shown as text on ${path()}`,
      );
      await page.close();
    });
  }

  test('a document with scripts and handlers, pasted into the review page, is shown inert', async (t) => {
    const probe = await fetch(`${s.url}/review`);
    if (probe.status === 404) return t.skip('no /review page on this server yet');
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${s.url}/review`);
    const doc = `科索沃 ${PAYLOADS.join('\n')}\n<p onclick="alert(8)">Pristina</p><style>body{display:none}</style>`;
    await page.locator('main form textarea').first().fill(doc);
    await page.locator('main form button[type="submit"]').first().click();
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, []);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.equal(await page.locator('main img[src="x"], main iframe, main svg[onload], main [onclick]').count(), 0);
    assert.ok(await page.locator('body').isVisible(), 'the injected style did not apply');
    // The review page renders the document (as HTML, sanitised): names are marked, handlers gone.
    assert.ok((await page.locator('main mark').count()) > 0, 'the document was reviewed');
    const handlers = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('main *')).filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on')))
          .length,
    );
    assert.equal(handlers, 0, 'no element carries an event handler');
    await page.close();
  });

  test('an injected inline script is blocked by the Content-Security-Policy even if escaping failed', async () => {
    const { page } = await visit('/concepts');
    // Simulate an escaping bug: put a script element into the live DOM the way markup would.
    const ran = await page.evaluate(async () => {
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="x" onerror="window.__xss=9">';
      document.body.append(holder);
      const script = document.createElement('script');
      script.textContent = 'window.__xss = 10';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 200));
      return (window as unknown as { __xss?: number }).__xss;
    });
    assert.equal(ran, undefined);
    await page.close();
  });
});
