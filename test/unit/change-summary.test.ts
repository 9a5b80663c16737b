import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConceptSnapshot } from '../../glossary/concept/types.ts';
import { translator } from '../../server/i18n/catalogue.ts';
import type { UiLocale } from '../../server/i18n/locales.ts';
import { changeSummary } from '../../server/routes/concept-view-models.ts';

const lang = (locale: UiLocale) => ({ locale, t: translator(locale) });
const term = (text: string, l: string, status: 'preferred' | 'admitted' = 'preferred') => ({ text, lang: l, status, type: null });
const before = { subject: 'place', terms: [term('Kosovo', 'en'), term('科索沃', 'zh-CN')] } as unknown as ConceptSnapshot;
const after = {
  subject: 'place',
  note: 'capital',
  terms: [term('Kosovo', 'en', 'admitted'), term('科索沃', 'zh-CN'), term('科索沃', 'zh-TW'), term('Kosova', 'en')],
} as unknown as ConceptSnapshot;

test('a history line says what changed, with plurals, in the page language', () => {
  assert.equal(changeSummary(before, after, lang('en')), '2 terms added, 1 term changed, and note changed');
  assert.equal(changeSummary(before, after, lang('zh-CN')), '新增 2 个术语、修改 1 个术语和备注已修改');
  assert.equal(changeSummary(null, before, lang('en')), 'created with 2 terms');
  assert.equal(changeSummary(before, null, lang('zh-TW')), '已刪除（含 2 個術語）');
  assert.equal(changeSummary(before, before, lang('en')), 'no change');
});
