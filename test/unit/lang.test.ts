import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareLangTags, normaliseLangTag } from '../../glossary/concept/lang.ts';

const cases: [string, string][] = [
  ['zh', 'zh-CN'],
  ['zh-Hans', 'zh-CN'],
  ['zh-SG', 'zh-CN'],
  ['zh-hans-cn', 'zh-CN'],
  ['zh-Hant', 'zh-TW'],
  ['ZH-TW', 'zh-TW'],
  ['zh_TW', 'zh-TW'],
  ['zh-MO', 'zh-HK'],
  ['zh-HK', 'zh-HK'],
  ['zh-Hant-HK', 'zh-HK'],
  ['EN', 'en'],
  ['en-us', 'en-US'],
  ['en_GB', 'en-GB'],
  ['sr-latn-rs', 'sr-Latn-RS'],
  ['es-419', 'es-419'],
  ['de', 'de'],
];

for (const [raw, expected] of cases) {
  test(`language tag ${raw} is stored as ${expected}`, () => {
    assert.equal(normaliseLangTag(raw), expected);
  });
}

test('a string that is not a language tag is refused with a stable code', () => {
  for (const bad of ['', 'chinese!', '12', 'zh CN', 'x']) {
    assert.throws(() => normaliseLangTag(bad), { code: 'invalid-language-tag' });
  }
});

test('languages sort English first, then zh-CN, zh-TW, zh-HK, then the rest', () => {
  assert.deepEqual(['fr', 'zh-HK', 'en-US', 'zh-TW', 'en', 'zh-CN'].sort(compareLangTags), [
    'en',
    'en-US',
    'zh-CN',
    'zh-TW',
    'zh-HK',
    'fr',
  ]);
});
