import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IntlMessageFormat } from 'intl-messageformat';
import { clientMessages, loadCatalogues, translate } from '../../server/i18n/catalogue.ts';
import { chooseLocale, UI_LOCALES } from '../../server/i18n/locales.ts';

describe('choosing the interface language', () => {
  const cases: [string, Parameters<typeof chooseLocale>[0], string][] = [
    ['nothing known: English', { accepted: [] }, 'en'],
    ['plain zh is Simplified', { accepted: ['zh'] }, 'zh-CN'],
    ['zh-Hans-SG is Simplified', { accepted: ['zh-Hans-SG'] }, 'zh-CN'],
    ['zh-Hant is Taiwan', { accepted: ['zh-Hant'] }, 'zh-TW'],
    ['zh-MO reads as Hong Kong', { accepted: ['zh-MO'] }, 'zh-HK'],
    ['the first language we have wins', { accepted: ['fr', 'zh-TW', 'en'] }, 'zh-TW'],
    ['en-GB is English', { accepted: ['en-GB', 'zh-CN'] }, 'en'],
    ['a wildcard stops the search', { accepted: ['fr', '*', 'zh-CN'] }, 'en'],
    ['garbage is ignored', { accepted: ['<script>', 'zh-HK'] }, 'zh-HK'],
    ['the switch cookie beats the browser', { cookie: 'zh-TW', accepted: ['zh-CN'] }, 'zh-TW'],
    ['an unknown cookie value is ignored', { cookie: 'xx', accepted: ['zh-CN'] }, 'zh-CN'],
  ];
  for (const [name, hints, expected] of cases) test(name, () => assert.equal(chooseLocale(hints), expected));
});

describe('message catalogues', () => {
  const all = loadCatalogues();
  const englishKeys = Object.keys(all.en).sort();

  test('Simplified and Traditional translate every English message', () => {
    for (const locale of ['zh-CN', 'zh-TW'] as const) assert.deepEqual(Object.keys(all[locale]).sort(), englishKeys, locale);
  });

  test('zh-HK holds only overrides of messages that exist', () => {
    assert.deepEqual(
      Object.keys(all['zh-HK']).filter((k) => !(k in all.en)),
      [],
    );
  });

  test('every message is valid ICU in its locale', () => {
    for (const locale of UI_LOCALES) {
      for (const [key, source] of Object.entries(all[locale])) {
        assert.doesNotThrow(() => new IntlMessageFormat(source, locale), `${locale} ${key}`);
      }
    }
  });

  test('plurals: 1 issue, 2 issues', () => {
    assert.equal(translate('en', 'review.issueCount', { n: 1 }), '1 issue');
    assert.equal(translate('en', 'review.issueCount', { n: 2 }), '2 issues');
    assert.equal(translate('zh-CN', 'review.issueCount', { n: 2 }), '2 个问题');
  });

  test('readable labels for TBX values, in each language', () => {
    assert.equal(translate('en', 'termType', { type: 'fullForm' }), 'full form');
    assert.equal(translate('zh-CN', 'termType', { type: 'fullForm' }), '全称');
    assert.equal(translate('zh-TW', 'status', { status: 'preferred' }), '優先');
  });

  test('codes with hyphens select their message, and an unknown one falls through to the value', () => {
    assert.equal(translate('zh-CN', 'errorCode', { code: 'concept-not-found' }), '没有这个编号的概念。');
    assert.equal(translate('zh-TW', 'lang.label', { tag: 'zh-HK' }), '中文（香港）');
    assert.equal(translate('zh-CN', 'action', { action: 'some-new-action' }), 'some-new-action');
  });

  test('zh-HK falls back to zh-TW, then English', () => {
    assert.equal(translate('zh-HK', 'nav.users'), '用戶');
    assert.equal(translate('zh-HK', 'nav.lookup'), translate('zh-TW', 'nav.lookup'));
  });

  test('a key missing everywhere shows itself, so the gap is visible', () => {
    assert.equal(translate('zh-CN', 'no.such.key'), 'no.such.key');
  });

  test('page scripts get their js.* messages and the shared labels, nothing else', () => {
    const keys = Object.keys(clientMessages('zh-TW'));
    assert.ok(keys.includes('js.lookup.copied') && keys.includes('status'));
    assert.deepEqual(
      keys.filter((k) => !k.startsWith('js.') && k !== 'status' && k !== 'lang.label' && k !== 'errorCode'),
      [],
    );
  });
});
