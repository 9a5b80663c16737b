import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issueMessage } from '../../glossary/review/review.ts';
import { issueSentence } from '../../server/i18n/review-wording.ts';

const inconsistent = {
  type: 'inconsistent' as const,
  params: { written: '科索夫', name: 'Kosovo', use: '科索沃', forms: ['科索沃', '科索夫'] },
};
const regional = {
  type: 'not-preferred-for-locale' as const,
  params: { written: '普里什蒂纳', name: 'Pristina', use: '普里斯提納', locale: 'zh-TW' as const, derived: false },
};
const deprecated = { type: 'deprecated' as const, params: { written: '科索夫', name: 'Kosovo' } };

test('review issue sentences are worded by the catalogue from kind and values, in each language', () => {
  assert.equal(issueSentence(inconsistent, 'zh-CN'), 'Kosovo在本文档中写作科索沃和科索夫，请通篇统一用科索沃。');
  assert.equal(issueSentence(inconsistent, 'zh-TW'), 'Kosovo在本文件中寫作科索沃和科索夫，請全文統一用科索沃。');
  assert.equal(issueSentence(inconsistent, 'en'), 'Kosovo is written 科索沃 and 科索夫 in this document; use 科索沃 throughout.');
  assert.equal(issueSentence(regional, 'zh-CN'), '普里什蒂纳不是Pristina在中文（台湾）的形式，请用普里斯提納。');
  assert.equal(issueSentence(deprecated, 'zh-TW'), '科索夫是Kosovo的不建議形式。');
  assert.equal(
    issueSentence({ ...deprecated, params: { ...deprecated.params, use: '科索沃' } }, 'en'),
    '科索夫 is deprecated for Kosovo; use 科索沃.',
  );
});

test('the API and report keep their English sentence, built from the same values', () => {
  assert.equal(issueMessage(inconsistent.type, inconsistent.params), issueSentence(inconsistent, 'en'));
  assert.equal(issueMessage(regional.type, regional.params), '普里什蒂纳 is not the zh-TW form of Pristina; use 普里斯提納.');
});
