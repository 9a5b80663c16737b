import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../db/connection.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import { alignDocuments } from '../../glossary/align/document-alignment.ts';
import type { QaIssue } from '../../glossary/align/qa.ts';
import { buildMatcher } from '../../glossary/matching/matcher.ts';
import { qaIssueSentence } from '../../server/i18n/align-wording.ts';

const missing = { type: 'missing' as const, params: { written: '科索沃', expected: ['Kosovo'] } };
const wrongOther = { type: 'wrong' as const, params: { written: '贝尔格莱德', used: 'Sofia', other: 'Sofia', expected: ['Belgrade', 'Beograd'] } };
const wrongDeprecated = { type: 'wrong' as const, params: { written: '普里什蒂纳', used: 'Priştina', expected: ['Pristina'] } };
const forbidden = { type: 'forbidden' as const, params: { written: 'Kosova', expected: [] } };
const inconsistent = { type: 'inconsistent' as const, params: { written: 'Prishtina', expected: ['Pristina'], count: 3 } };

test('QA issue sentences are worded by the catalogue from kind and values, in each language', () => {
  assert.equal(qaIssueSentence(missing, 'zh-CN'), '“科索沃”在对齐的英文句子中没有对应词；应为“Kosovo”。');
  assert.equal(qaIssueSentence(missing, 'zh-TW'), '「科索沃」在對齊的英文句子中沒有對應詞；應為「Kosovo」。');
  assert.equal(qaIssueSentence(wrongOther, 'zh-CN'), '“贝尔格莱德”译作“Sofia”，而后者指Sofia；应为“Belgrade”或“Beograd”。');
  assert.equal(qaIssueSentence(wrongDeprecated, 'zh-TW'), '「普里什蒂纳」譯作「Priştina」，這是不建議形式；請用「Pristina」。');
  assert.equal(qaIssueSentence(forbidden, 'zh-CN'), '“Kosova”是禁用术语。');
  assert.equal(qaIssueSentence(inconsistent, 'zh-TW'), '此處為「Prishtina」，文件其他地方為「Pristina」（3 次）：同一文件應統一譯法。');
});

test('the English sentence on a page is the API message, and a Chinese page has no English words but the names', () => {
  const db = openDatabase(':memory:').db;
  seedStarterGlossary(db);
  const { concepts } = glossarySnapshot(db);
  db.close();
  const zh = ['秘书长特别代表访问了普里什蒂纳。', '他随后前往贝尔格莱德，会见了塞尔维亚官员。', '科索沃的局势依然平静。'].join('\n');
  const en = [
    'The Special Representative of the Secretary-General visited Pristina.',
    'He then travelled to Sofia to meet officials of Serbia.',
    'The situation remained calm.',
  ].join('\n');
  const r = alignDocuments(zh, en, { matcher: buildMatcher(concepts), concepts: new Map(concepts.map((c) => [c.id, c])) });
  const issues: QaIssue[] = r.pairs.flatMap((p) => p.issues);
  assert.deepEqual(
    issues.map((i) => i.type),
    ['wrong', 'missing'],
  );
  for (const issue of issues) {
    // one or two terms to use: "“A” or “B”" both ways
    assert.ok(issue.params.expected.length <= 2);
    assert.equal(qaIssueSentence(issue, 'en'), issue.message);
    const names = [issue.params.used, issue.params.other, ...issue.params.expected].filter((x) => x !== undefined);
    let chinese = qaIssueSentence(issue, 'zh-CN');
    for (const name of names) chinese = chinese.replaceAll(name, '');
    assert.doesNotMatch(chinese, /[A-Za-z]/, chinese);
  }
});
