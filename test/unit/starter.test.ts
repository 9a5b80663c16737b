import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConceptInput } from '../../glossary/concept/types.ts';
import { starterGlossary } from '../../glossary/starter/starter.ts';

const glossary = starterGlossary();
const withTerm = (text: string, lang: string) => glossary.find((c) => c.terms.some((t) => t.text === text && t.lang === lang));
const preferred = (c: ConceptInput | undefined, lang: string) =>
  c?.terms.filter((t) => t.lang === lang && t.status === 'preferred').map((t) => t.text);

test('the starter glossary has at least 500 concepts', () => {
  assert.ok(glossary.length >= 500, `only ${glossary.length}`);
});

test('Kosovo is one concept with 科索沃 for the PRC and 科索夫 for Taiwan', () => {
  const kosovo = withTerm('Kosovo', 'en');
  assert.ok(kosovo);
  assert.deepEqual(preferred(kosovo, 'zh-CN'), ['科索沃']);
  assert.deepEqual(preferred(kosovo, 'zh-TW'), ['科索夫']);
  assert.equal(glossary.filter((c) => c.terms.some((t) => t.text === 'Kosovo' && t.lang === 'en')).length, 1);
});

test('Belgrade has 贝尔格莱德 (zh-CN) and 貝爾格勒 (zh-TW)', () => {
  const belgrade = withTerm('Belgrade', 'en');
  assert.deepEqual(preferred(belgrade, 'zh-CN'), ['贝尔格莱德']);
  assert.deepEqual(preferred(belgrade, 'zh-TW'), ['貝爾格勒']);
});

test('every term of the starter glossary names its source', () => {
  for (const c of glossary) for (const t of c.terms) assert.ok(t.source, `${t.text} (${t.lang}) has no source`);
});

test('external ids are unique and usable as TBX conceptEntry ids', () => {
  const ids = glossary.map((c) => c.externalId);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id ?? '', /^[A-Za-z_][\w.-]*$/);
});
