/**
 * Screenshots of the home, review and alignment pages in zh-CN and zh-TW for the README
 * (docs/screenshots/). Starts the app on an in-memory database with the starter glossary, signs
 * nobody in (anonymous visitors may look up, review and align), and drives Debian's chromium.
 *
 *   node --import tsx scripts/screenshots.ts [outDir]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../test/support/browser.ts';
import { startServer } from '../test/support/server.ts';

const OUT = process.argv[2] ?? join(import.meta.dirname, '..', 'docs', 'screenshots');
const LOCALES = ['zh-CN', 'zh-TW'] as const;

/** Sample text from the starter glossary: names with regional forms, one of them in the wrong form. */
const REVIEW_TEXT: Record<(typeof LOCALES)[number], string> = {
  'zh-CN': '科索沃特派团团长在普里什蒂纳会见了科索夫代表。贝尔格莱德表示关切。',
  'zh-TW': '科索沃特派團團長在普里斯提納會見了科索夫代表。貝爾格勒表示關切。',
};
const ALIGN_ZH = '普里什蒂纳是科索沃的首都。贝尔格莱德是塞尔维亚的首都。北约组织发表了声明。';
const ALIGN_EN = 'Pristina is the capital of Kosovo. Belgrade is the capital of Serbia. NATO issued a statement.';

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await startServer({ seed: true });
  const browser = await launchBrowser();
  try {
    for (const locale of LOCALES) {
      const context = await browser.newContext({ locale, viewport: { width: 1100, height: 760 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const shot = async (name: string) => {
        const path = join(OUT, `${name}-${locale}.png`);
        await page.screenshot({ path, fullPage: false });
        console.log(path);
      };

      // the lookup page with its results (Enter would open the first concept)
      await page.goto(`${server.url}/?q=${encodeURIComponent('科索沃')}`);
      await page.waitForLoadState('networkidle');
      await shot('home');

      await page.goto(`${server.url}/review`);
      await page.fill('#review-text', REVIEW_TEXT[locale]);
      await Promise.all([page.waitForURL(`${server.url}/review`), page.click('#review-form button[type="submit"]')]);
      await page.locator('#review-document').waitFor();
      await shot('review');

      await page.goto(`${server.url}/align`);
      await page.fill('#align-zh', ALIGN_ZH);
      await page.fill('#align-en', ALIGN_EN);
      await page.click('#align-form button[type="submit"]');
      await page.locator('#align-rows tr').first().waitFor();
      await shot('align');
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
