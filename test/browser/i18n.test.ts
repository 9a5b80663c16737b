import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { ConceptRepository } from '../../db/concepts.ts';
import { addUser } from '../support/accounts.ts';
import { browserSkipReason, useBrowserApp } from '../support/browser.ts';

const skip = browserSkipReason();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const catalogue = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../../server/i18n/messages/${locale}.json`, import.meta.url), 'utf8'));

/**
 * The English interface text a Chinese page must not show: the literal pieces of every English
 * message (placeholders, plural and select syntax cut out) that have a word in them, except the
 * pieces the Chinese message keeps as they are (format names like TBX or Markdown).
 */
function englishFragments(chinese: Record<string, string>): string[] {
  const en = catalogue('en');
  const out = new Set<string>();
  for (const [key, source] of Object.entries(en)) {
    for (const raw of source.split(/[{}#]/)) {
      const piece = raw.replace(/^\s*\w+Key?, (select|plural),\s*/, '').trim();
      if (!/[A-Za-z]{3,}/.test(piece) || piece.length < 4) continue;
      if (/^(\w+\s)?(one|other|=0)\s*$/.test(piece) || /^[\w-]+$/.test(piece)) continue; // select keys, bare codes
      if ((chinese[key] ?? '').includes(piece)) continue;
      out.add(piece);
    }
  }
  return [...out];
}

/** The page's visible interface text: without glossary or user text (marked with another lang), code and hidden parts. */
async function interfaceText(page: Page, locale: string): Promise<string> {
  // A loop rather than a recursive inner function: the test runner's transpiler would wrap a
  // named one in a helper that does not exist inside the page.
  return page.evaluate((pageLang) => {
    const parts: string[] = [];
    const stack: Node[] = [document.body];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      if (!(node instanceof HTMLElement)) continue;
      if (/^(SCRIPT|STYLE|CODE|KBD|TEXTAREA|TEMPLATE|OPTION|SELECT)$/.test(node.tagName) || node.hidden) continue;
      const lang = node.getAttribute('lang');
      if (lang !== null && lang !== pageLang) continue;
      stack.push(...Array.from(node.childNodes).reverse());
    }
    return parts.join(' ').replace(/\s+/g, ' ');
  }, locale);
}

describe('every page in every interface language', { skip: skip ?? false }, () => {
  // Anonymous visitors only read (the test default lets them edit), so the viewer's pages show what a reader sees.
  const app = useBrowserApp({ seed: true, config: { anonymous: 'viewer' } });
  let conceptId = 0;

  type Who = 'admin' | 'viewer' | 'anonymous';
  /** The accounts the pages are seen with: ada administers, vera only reads. */
  const ACCOUNTS: Record<Exclude<Who, 'anonymous'>, string> = { admin: 'ada', viewer: 'vera' };

  /** A visitor (logged in, or not) in a 360 px wide browser that asks for this language. */
  async function visitor(locale: string, who: Who): Promise<BrowserContext> {
    const context = await app.browser.newContext({ locale, viewport: { width: 360, height: 740 } });
    if (who === 'anonymous') return context;
    const page = await context.newPage();
    await page.goto(`${app.server.url}/login`);
    await page.fill('input[name="name"]', ACCOUNTS[who]);
    await page.fill('input[name="password"]', `${ACCOUNTS[who]}-password`);
    await Promise.all([page.waitForURL(`${app.server.url}/`), page.click('form.login-form button[type="submit"]')]);
    await page.close();
    return context;
  }

  /** Submit a form as it is, past the browser's own checks (minlength, required), so the server's validation answers. */
  async function submitAsIs(p: Page, form: string): Promise<void> {
    await p.locator(form).evaluate((f) => {
      (f as HTMLFormElement).noValidate = true;
    });
    await Promise.all([p.waitForLoadState('load'), p.locator(`${form} button[type="submit"]`).last().click()]);
    await p.waitForLoadState('load');
  }

  /** What a page must show besides the common checks: a problem sentence, or null. */
  type Expect = (p: Page, locale: string) => Promise<string | null>;
  /**
   * The page answers with this status and says what is wrong; on a Chinese page, in Chinese (the
   * catalogue scan does not know zod's or the registry's English, so look for English words here).
   */
  const alertShown =
    (status: number | null): Expect =>
    async (p, locale) => {
      const alert = (await p.locator('[role="alert"]').first().textContent())?.trim() ?? '';
      if (!alert) return 'no error message shown';
      if (locale !== 'en' && /[A-Za-z]{4,}/.test(alert)) return `English in the error message: ${alert}`;
      const shown = await p.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseStatus);
      return status !== null && shown !== status ? `status ${shown}, expected ${status}` : null;
    };
  /** A viewer sees no Edit, Delete or Import control, and a sentence saying why. */
  const viewerSeesWhy =
    (...forbidden: string[]): Expect =>
    async (p) => {
      for (const selector of forbidden) if (await p.locator(selector).count()) return `a viewer sees ${selector}`;
      return (await p.locator('.permission').isVisible()) ? null : 'no sentence says why editing is not offered';
    };

  const ALIGN_ZH = ['秘书长特别代表访问了普里什蒂纳。', '他随后前往贝尔格莱德，会见了塞尔维亚官员。', '科索沃的局势依然平静。'].join('\n');
  const ALIGN_EN = [
    'The Special Representative of the Secretary-General visited Pristina.',
    'He then travelled to Sofia to meet officials of Serbia.',
    'The situation remained calm.',
  ].join('\n');
  /** Both QA issues are shown, as interface text (no lang="en" exemption) naming the Chinese name. */
  const qaIssuesShown: Expect = async (p) => {
    const issues = p.locator('#align-rows .issue');
    if ((await issues.count()) !== 2) return `${await issues.count()} QA issues shown, expected 2`;
    if (await p.locator('#align-rows .issue [lang]').count()) return 'a QA issue sentence is marked with its own lang';
    const text = (await issues.allTextContents()).join(' ');
    return text.includes('贝尔格莱德') && text.includes('科索沃') ? null : `the issues do not name the Chinese names: ${text}`;
  };

  /** Pages by what a user does to reach them; the ones with a result submit their form first. */
  const pages: { name: string; who?: Who; open: (page: Page) => Promise<void>; expect?: Expect }[] = [
    { name: 'home', open: async (p) => void (await p.goto(`${app.server.url}/`)) },
    { name: 'lookup results', open: async (p) => void (await p.goto(`${app.server.url}/?q=${encodeURIComponent('科索沃')}`)) },
    { name: 'concepts', open: async (p) => void (await p.goto(`${app.server.url}/concepts`)) },
    { name: 'concept', open: async (p) => void (await p.goto(`${app.server.url}/concepts/${conceptId}`)) },
    { name: 'history', open: async (p) => void (await p.goto(`${app.server.url}/concepts/${conceptId}/history`)) },
    { name: 'edit concept', open: async (p) => void (await p.goto(`${app.server.url}/concepts/${conceptId}/edit`)) },
    { name: 'new concept', open: async (p) => void (await p.goto(`${app.server.url}/concepts/new`)) },
    { name: 'review', open: async (p) => void (await p.goto(`${app.server.url}/review`)) },
    {
      name: 'review result',
      open: async (p) => {
        await p.goto(`${app.server.url}/review`);
        await p.fill('#review-text', '科索沃和科索夫。普里什蒂纳。普里斯提納。');
        await Promise.all([p.waitForURL(`${app.server.url}/review`), p.click('#review-form button[type="submit"]')]);
        await p.locator('#review-document').waitFor();
      },
    },
    { name: 'align', open: async (p) => void (await p.goto(`${app.server.url}/align`)) },
    {
      // drawn by align.js from the API's answer: one wrong rendering, one missing name
      name: 'align result with QA issues',
      open: async (p) => {
        await p.goto(`${app.server.url}/align`);
        await p.fill('#align-zh', ALIGN_ZH);
        await p.fill('#align-en', ALIGN_EN);
        await p.click('#align-form button[type="submit"]');
        await p.locator('#align-rows .issue').first().waitFor();
      },
      expect: qaIssuesShown,
    },
    {
      // the same, drawn on the server (the form sent without the script: form.submit() fires no submit event)
      name: 'align result with QA issues (without script)',
      open: async (p) => {
        await p.goto(`${app.server.url}/align`);
        await p.fill('#align-zh', ALIGN_ZH);
        await p.fill('#align-en', ALIGN_EN);
        await Promise.all([
          p.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/align'),
          p.locator('#align-form').evaluate((f) => (f as HTMLFormElement).submit()),
        ]);
        await p.locator('#align-rows .issue').first().waitFor();
      },
      expect: qaIssuesShown,
    },
    { name: 'candidates', open: async (p) => void (await p.goto(`${app.server.url}/candidates`)) },
    { name: 'import', open: async (p) => void (await p.goto(`${app.server.url}/import`)) },
    {
      // a preview of a file with one good entry and two that have problems (a TBX entry without
      // <langSet>, one with an element TBX does not know): the report lists them by line
      name: 'import report with line errors',
      open: async (p) => {
        await p.goto(`${app.server.url}/import`);
        await p.check('input[name="partial"]');
        await p.setInputFiles('#import-file', {
          name: 'problems.tbx',
          mimeType: 'application/xml',
          buffer: Buffer.from(
            [
              '<?xml version="1.0" encoding="UTF-8"?>',
              '<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></martifHeader><text><body>',
              '<termEntry id="ok"><langSet xml:lang="en"><tig><term>Gjakova</term></tig></langSet><langSet xml:lang="zh-CN"><tig><term>贾科维察</term></tig></langSet></termEntry>',
              '<termEntry id="empty"></termEntry>',
              '<termEntry id="odd"><langSet xml:lang="en"><tig><term>Peja</term><bogus/></tig></langSet></termEntry>',
              '</body></text></martif>',
            ].join('\n'),
          ),
        });
        await p.click('#import-preview');
        await p.locator('#import-errors li').first().waitFor();
      },
      expect: async (p) => {
        const items = p.locator('#import-errors li');
        if ((await items.count()) !== 2) return `${await items.count()} problems listed, expected 2: ${(await items.allTextContents()).join(' | ')}`;
        if (await p.locator('#import-errors [lang]').count()) return 'a problem is marked with its own lang';
        const first = (await items.first().textContent()) ?? '';
        return /4/.test(first) ? null : `the first problem does not say its line (4): ${first}`;
      },
    },
    {
      // a header-less, tab-separated two-column file: the layout line is worded from the reader's values
      name: 'import preview of a CSV',
      open: async (p) => {
        await p.goto(`${app.server.url}/import`);
        await p.setInputFiles('#import-file', {
          name: 'pairs.tsv',
          mimeType: 'text/tab-separated-values',
          buffer: Buffer.from('Gjakova\t贾科维察\nPeja\t佩奇\n'),
        });
        await p.click('#import-preview');
        await p.locator('#import-report:not([hidden])').waitFor();
      },
      expect: async (p) => {
        const line = (await p.locator('#import-format-detected').textContent()) ?? '';
        return /zh/.test(line) ? null : `the layout line does not name the target language: ${line}`;
      },
    },
    { name: 'export', open: async (p) => void (await p.goto(`${app.server.url}/export`)) },
    {
      // the admin's view: the accounts added for this test are account events, worded in the page's language
      name: 'changes (with account events)',
      open: async (p) => void (await p.goto(`${app.server.url}/changes`)),
      expect: async (p) => {
        const rows = p.locator('tr.change.kind-account');
        if ((await rows.count()) < 2) return `${await rows.count()} account events shown, expected the 2 accounts added`;
        if (await p.locator('tr.change.kind-account [lang]').count()) return 'an account event line is marked with its own lang';
        const text = (await rows.allTextContents()).join(' ');
        return text.includes('vera') ? null : `the account events do not name vera: ${text}`;
      },
    },
    { name: 'users', open: async (p) => void (await p.goto(`${app.server.url}/users`)) },
    { name: 'account', open: async (p) => void (await p.goto(`${app.server.url}/account`)) },
    { name: 'concept not found', open: async (p) => void (await p.goto(`${app.server.url}/concepts/999999`)), expect: alertShown(404) },
    { name: 'no such page', open: async (p) => void (await p.goto(`${app.server.url}/no/such/page`)), expect: alertShown(404) },
    {
      name: 'new concept with invalid data',
      open: async (p) => {
        await p.goto(`${app.server.url}/concepts/new`);
        await p.fill('input[name="terms[0][text]"]', 'Kosovo');
        await p.fill('input[name="terms[0][lang]"]', 'not a tag');
        await submitAsIs(p, '#concept-form');
      },
      expect: alertShown(400),
    },
    {
      // passes the form's schema, breaks a concept rule (glossary/concept): said precisely, not as "the input is not valid"
      name: 'new concept with a term listed twice',
      open: async (p) => {
        await p.goto(`${app.server.url}/concepts/new`);
        for (const row of [0, 1]) {
          await p.fill(`input[name="terms[${row}][text]"]`, 'Kosovo');
          await p.fill(`input[name="terms[${row}][lang]"]`, 'en');
        }
        await submitAsIs(p, '#concept-form');
      },
      expect: async (p, locale) => {
        const alert = (await p.locator('[role="alert"]').first().textContent()) ?? '';
        if (!alert.includes('Kosovo')) return `the rule failure does not name the term: ${alert}`;
        // the term itself is the user's text; any other English word is interface text left over
        if (locale !== 'en' && /[A-Za-z]{4,}/.test(alert.replaceAll('Kosovo', ''))) return `English in the error message: ${alert}`;
        const status = await p.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseStatus);
        return status === 400 ? null : `status ${status}, expected 400`;
      },
    },
    {
      name: 'users: a password too short',
      open: async (p) => {
        await p.goto(`${app.server.url}/users`);
        await p.fill('form[action="/users"] input[name="name"]', 'newcomer');
        await p.fill('form[action="/users"] input[name="password"]', 'short');
        await submitAsIs(p, 'form[action="/users"]');
      },
      expect: alertShown(400),
    },
    {
      name: 'changes with a bad date',
      open: async (p) => void (await p.goto(`${app.server.url}/changes?from=2026-13-45`)),
      expect: alertShown(400),
    },
    { name: 'login (logged out)', who: 'anonymous', open: async (p) => void (await p.goto(`${app.server.url}/login`)) },
    { name: 'home (logged out)', who: 'anonymous', open: async (p) => void (await p.goto(`${app.server.url}/`)) },
    {
      name: 'viewer: concept',
      who: 'viewer',
      open: async (p) => void (await p.goto(`${app.server.url}/concepts/${conceptId}`)),
      expect: viewerSeesWhy(`a[href$="/edit"]`, 'form[action$="/delete"]'),
    },
    {
      name: 'viewer: concepts',
      who: 'viewer',
      open: async (p) => void (await p.goto(`${app.server.url}/concepts`)),
      expect: viewerSeesWhy('a[href="/concepts/new"]'),
    },
    {
      name: 'viewer: history',
      who: 'viewer',
      open: async (p) => void (await p.goto(`${app.server.url}/concepts/${conceptId}/history`)),
      expect: viewerSeesWhy('form[action*="/revert"]'),
    },
    {
      name: 'viewer: import',
      who: 'viewer',
      open: async (p) => void (await p.goto(`${app.server.url}/import`)),
      expect: viewerSeesWhy('#import-run'),
    },
    {
      name: 'viewer: candidates',
      who: 'viewer',
      open: async (p) => void (await p.goto(`${app.server.url}/candidates`)),
      expect: viewerSeesWhy('.candidate .actions'),
    },
    {
      // the delete form a viewer is not shown, sent anyway (an old tab, a crafted page): refused, and said why
      name: 'viewer: forbidden action (delete a concept)',
      who: 'viewer',
      open: async (p) => {
        await p.goto(`${app.server.url}/concepts/${conceptId}`);
        await Promise.all([
          p.waitForURL(`${app.server.url}/concepts/${conceptId}/delete`),
          p.evaluate((id) => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = `/concepts/${id}/delete`;
            const csrf = document.createElement('input');
            csrf.type = 'hidden';
            csrf.name = '_csrf';
            csrf.value = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
            form.append(csrf);
            document.body.append(form);
            form.submit();
          }, conceptId),
        ]);
      },
      expect: alertShown(403),
    },
    {
      name: 'viewer: forbidden (user administration)',
      who: 'viewer',
      open: async (p) => void (await p.goto(`${app.server.url}/users`)),
      expect: alertShown(403),
    },
  ];

  for (const locale of ['zh-CN', 'zh-TW', 'en']) {
    test(`${locale}: every page is in ${locale}, accessible (axe: no serious or critical violation) and fits 360 px`, async () => {
      if (!conceptId) {
        await addUser(app.server.db, 'ada', 'admin');
        await addUser(app.server.db, 'vera', 'viewer');
        const kosovo = new ConceptRepository(app.server.db).list({ q: 'Pristina' }).concepts[0]!;
        // one edit, so the history and the change log have a field-level difference to show
        const repo = new ConceptRepository(app.server.db);
        repo.update(
          kosovo.id,
          kosovo.version,
          {
            subject: kosovo.subject,
            note: 'capital',
            terms: kosovo.terms.map((t) => ({ ...t, status: t.lang === 'zh-HK' ? 'admitted' : t.status })),
          },
          { actor: 'ada' },
        );
        conceptId = kosovo.id;
      }
      const fragments = locale === 'en' ? [] : englishFragments(catalogue(locale));
      const errors: string[] = [];
      const problems: string[] = [];
      const contexts = new Map<Who, BrowserContext>();
      const tabs = new Map<Who, Page>();
      for (const { name, who = 'admin', open, expect } of pages) {
        let page = tabs.get(who);
        if (!page) {
          const context = await visitor(locale, who);
          contexts.set(who, context);
          page = await context.newPage();
          page.on('pageerror', (e) => errors.push(e.message));
          tabs.set(who, page);
        }
        await open(page);
        const where = `${locale} ${name}`;
        const expected = expect ? await expect(page, locale) : null;
        if (expected) problems.push(`${where}: ${expected}`);
        assert.equal(await page.getAttribute('html', 'lang'), locale, `${where}: <html lang>`);
        // every glossary term on the page says its language
        const unlabelled = await page.locator('.term-text:not([lang]), .term-text[lang=""]').count();
        if (unlabelled) problems.push(`${where}: ${unlabelled} terms without lang`);
        if (fragments.length) {
          const text = await interfaceText(page, locale);
          const left = fragments.filter((f) => text.includes(f));
          if (left.length) problems.push(`${where}: English left: ${left.slice(0, 5).join(' | ')}`);
          const rawKey =
            /\b(js|nav|title|home|review|reviewIssue|align|concepts?|history|import|export|users|changes|changeSummary|candidates|account|login|invalid|permission|error)\.[a-zA-Z.]+\b/.exec(
              text,
            );
          if (rawKey) problems.push(`${where}: untranslated key ${rawKey[0]}`);
        }
        const width = await page.evaluate(() => {
          const client = document.documentElement.clientWidth;
          // the first element that reaches past the viewport, to say what to fix
          // (no named helper functions in here: see interfaceText)
          const wide = Array.from(document.body.querySelectorAll('*')).find((e) => {
            if (e.getBoundingClientRect().right <= client + 0.5) return false;
            for (let p = e.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return false;
            return true;
          });
          return {
            scroll: document.documentElement.scrollWidth,
            client,
            wide: wide ? `${wide.tagName.toLowerCase()}.${wide.className}` : '',
          };
        });
        if (width.scroll > width.client)
          problems.push(`${where}: ${width.scroll} px wide in a ${width.client} px viewport (${width.wide})`);
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
              };
            }
          ).axe;
          const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map(
              (v) =>
                `${v.id} ${v.nodes
                  .slice(0, 2)
                  .map((n) => n.target.join(' '))
                  .join(', ')}`,
            );
        });
        for (const v of violations) problems.push(`${where}: axe ${v}`);
      }
      for (const context of contexts.values()) await context.close();
      assert.deepEqual(problems, []);
      assert.deepEqual(errors, []);
    });
  }

  test('the scan for English interface text finds it where it is (the check can fail)', async () => {
    const context = await app.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/review`);
    const text = await interfaceText(page, 'en');
    const found = englishFragments(catalogue('zh-CN')).filter((f) => text.includes(f));
    for (const expected of ['Skip to content', 'Review a document', 'Target region']) assert.ok(found.includes(expected), expected);
    // Review issue sentences are interface text too (no lang="en" exemption): in English they are found.
    await page.fill('#review-text', '科索沃和科索夫。普里什蒂纳。普里斯提納。');
    await Promise.all([page.waitForURL(`${app.server.url}/review`), page.click('#review-form button[type="submit"]')]);
    const issues = await interfaceText(page, 'en');
    assert.ok(
      englishFragments(catalogue('zh-CN')).some((f) => catalogue('en')['reviewIssue.sentence']!.includes(f) && issues.includes(f)),
      'the English issue sentence is scanned',
    );
    // So are the alignment's QA issue sentences, drawn by align.js.
    await page.goto(`${app.server.url}/align`);
    await page.fill('#align-zh', ALIGN_ZH);
    await page.fill('#align-en', ALIGN_EN);
    await page.click('#align-form button[type="submit"]');
    await page.locator('#align-rows .issue').first().waitFor();
    const qa = await interfaceText(page, 'en');
    assert.ok(
      englishFragments(catalogue('zh-CN')).some((f) => catalogue('en')['js.align.issue']!.includes(f) && qa.includes(f)),
      'the English QA issue sentence is scanned',
    );
    await context.close();
  });

  test('a Traditional term on a Simplified page is drawn with the Traditional font stack', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/concepts/${conceptId || 1}`);
    const font = (lang: string) =>
      page
        .locator(`.term-text[lang="${lang}"]`)
        .first()
        .evaluate((e) => getComputedStyle(e).fontFamily);
    assert.match(await font('zh-TW'), /CJK TC/);
    assert.match(await font('zh-CN'), /CJK SC/);
    await context.close();
  });

  test('the header switch changes the language, keeps it in a cookie, and comes back to the same page', async () => {
    const context = await app.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/concepts?q=kosovo`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await Promise.all([page.waitForURL(/\/concepts\?q=kosovo$/), page.locator('.ui-locales a[lang="zh-TW"]').click()]);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-TW');
    assert.equal(await page.locator('h1').innerText(), '概念');
    await page.goto(`${app.server.url}/review`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-TW', 'the choice outlives the page it was made on');
    await context.close();
  });
});
