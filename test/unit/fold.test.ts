import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold, foldWithOffsets, originalSpan } from '../../glossary/text/fold.ts';

const cases: [string, string, string][] = [
  ['Traditional characters fold to Simplified', '貝爾格勒', '贝尔格勒'],
  ['Taiwan forms fold character by character only', '塞爾維亞', '塞尔维亚'],
  ['full-width Latin and digits fold to ASCII lower case', 'ＯＳＣＥ　２０２０', 'osce 2020'],
  ['Latin case and diacritics fold', 'Hashim THAÇI', 'hashim thaci'],
  ['all middle dots are one', '哈希姆・萨奇/哈希姆•萨奇/哈希姆‧萨奇/哈希姆･萨奇', '哈希姆·萨奇/哈希姆·萨奇/哈希姆·萨奇/哈希姆·萨奇'],
  ['a line break inside a Chinese name disappears', '普里什\n蒂纳', '普里什蒂纳'],
  ['spaces and a full-width space between CJK disappear', '三 \n　驾马车', '三驾马车'],
  ['white space between Latin words stays one space', 'United \n Nations', 'united nations'],
  ['white space between a number and Chinese stays', '2020 年', '2020 年'],
  ['decomposed diacritics fold like precomposed ones', 'Thac\u0327i Mladic\u0301', 'thaci mladic'],
];

for (const [name, input, expected] of cases) {
  test(`folding: ${name}`, () => {
    assert.equal(fold(input), expected);
  });
}

test('folded offsets map a match back to the original text', () => {
  const source = '关系的进展：普里什\n蒂纳和贝尔格莱德';
  const folded = foldWithOffsets(source);
  const at = folded.text.indexOf('普里什蒂纳');
  const [start, end] = originalSpan(folded, at, at + 5);
  assert.equal(source.slice(start, end), '普里什\n蒂纳');
});
