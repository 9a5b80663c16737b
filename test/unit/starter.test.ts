import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

// UN-grade data (issue 17): the names as the United Nations writes them.
const unStates = JSON.parse(readFileSync(new URL('../../glossary/starter/data/un-states.json', import.meta.url), 'utf8')) as {
  memberStates: { code: string }[];
  observerStates: { code: string }[];
};
const byId = (id: string) => glossary.find((c) => c.externalId === id);
const status = (c: ConceptInput | undefined, text: string, lang: string) =>
  c?.terms.find((t) => t.text === text && t.lang === lang)?.status;
const label = (c: ConceptInput | undefined, lang: string) => preferred(c, lang)?.[0];

test('every preferred term names a source a terminologist can check', () => {
  for (const c of glossary)
    for (const t of c.terms.filter((t) => t.status === 'preferred'))
      assert.match(t.source ?? '', /\p{L}{3,}/u, `${t.text} (${t.lang}, ${c.externalId}) has no usable source`);
});

test('all 193 UN Member States and the 2 observer States, each one CLDR concept', () => {
  const codes = [...unStates.memberStates, ...unStates.observerStates].map((s) => s.code);
  assert.equal(unStates.memberStates.length, 193);
  assert.equal(unStates.observerStates.length, 2);
  assert.equal(new Set(codes).size, codes.length);
  for (const code of codes) {
    const c = byId(`cldr-territory-${code}`);
    assert.ok(c, `${code} is a CLDR territory`);
    for (const lang of ['en', 'zh-CN'])
      assert.ok(
        c.terms.some((t) => t.lang === lang && t.status === 'preferred' && /UN|UNTERM/.test(t.source ?? '')),
        `${code} has a UN-sourced ${lang} name`,
      );
  }
});

// [CLDR code, UN English short name (the label), UN formal name, UN Chinese short, UN Chinese formal, CLDR colloquial name kept as admitted]
const UN_NAMES: [string, string, string, string, string, string][] = [
  ['VN', 'Viet Nam', 'Socialist Republic of Viet Nam', '越南', '越南社会主义共和国', 'Vietnam'],
  ['CD', 'Democratic Republic of the Congo', 'Democratic Republic of the Congo', '刚果民主共和国', '刚果民主共和国', 'Congo - Kinshasa'],
  [
    'VC',
    'Saint Vincent and the Grenadines',
    'Saint Vincent and the Grenadines',
    '圣文森特和格林纳丁斯',
    '圣文森特和格林纳丁斯',
    'St. Vincent & Grenadines',
  ],
  [
    'KP',
    "Democratic People's Republic of Korea",
    "Democratic People's Republic of Korea",
    '朝鲜民主主义人民共和国',
    '朝鲜民主主义人民共和国',
    'North Korea',
  ],
  ['SY', 'Syrian Arab Republic', 'Syrian Arab Republic', '阿拉伯叙利亚共和国', '阿拉伯叙利亚共和国', 'Syria'],
  ['TR', 'Türkiye', 'Republic of Türkiye', '土耳其', '土耳其共和国', 'Türkiye'],
  ['CI', "Côte d'Ivoire", "Republic of Côte d'Ivoire", '科特迪瓦', '科特迪瓦共和国', 'Côte d’Ivoire'],
  ['BO', 'Bolivia (Plurinational State of)', 'Plurinational State of Bolivia', '玻利维亚（多民族国）', '多民族玻利维亚国', 'Bolivia'],
  ['US', 'United States of America', 'United States of America', '美利坚合众国', '美利坚合众国', 'United States'],
  ['RU', 'Russian Federation', 'Russian Federation', '俄罗斯联邦', '俄罗斯联邦', 'Russia'],
  [
    'GB',
    'United Kingdom of Great Britain and Northern Ireland',
    'United Kingdom of Great Britain and Northern Ireland',
    '大不列颠及北爱尔兰联合王国',
    '大不列颠及北爱尔兰联合王国',
    'United Kingdom',
  ],
  ['VA', 'Holy See', 'Holy See', '教廷', '教廷', 'Vatican City'],
  ['PS', 'State of Palestine', 'State of Palestine', '巴勒斯坦国', '巴勒斯坦国', 'Palestinian Territories'],
];
for (const [code, short, formal, zhShort, zhFormal, colloquial] of UN_NAMES) {
  test(`${code}: ${short} is the label, ${formal} and ${zhShort} / ${zhFormal} are preferred, ${colloquial} is admitted`, () => {
    const c = byId(`cldr-territory-${code}`);
    assert.equal(label(c, 'en'), short);
    assert.equal(label(c, 'zh-CN'), zhShort);
    for (const [text, lang] of [
      [formal, 'en'],
      [zhFormal, 'zh-CN'],
    ] as const)
      assert.equal(status(c, text, lang), 'preferred', `${text} (${lang})`);
    if (colloquial !== short) assert.equal(status(c, colloquial, 'en'), 'admitted');
  });
}

test('CLDR stays the source of the regional forms it covers', () => {
  const vn = byId('cldr-territory-VC');
  assert.equal(label(vn, 'zh-TW'), '聖文森及格瑞那丁');
  assert.match(vn?.terms.find((t) => t.lang === 'zh-TW')?.source ?? '', /CLDR/);
});

test('Sofia: 索非亚 is preferred (PRC, UN and CLDR form), 索菲亚 is not', () => {
  const sofia = withTerm('Sofia', 'en');
  assert.deepEqual(preferred(sofia, 'zh-CN'), ['索非亚']);
  assert.notEqual(status(sofia, '索菲亚', 'zh-CN'), 'preferred');
  assert.notEqual(status(sofia, '索菲亚', 'zh-CN'), 'admitted');
});

// The entities of the Kosovo and Balkan letters that the starter glossary lacked (issue 17): each is one concept.
const SEED_ENTITIES: [string, string, string][] = [
  ['联络小组', 'zh-CN', 'Contact Group'],
  ['阿赫蒂萨里', 'zh-CN', 'Ahtisaari'],
  ['马尔蒂·阿赫蒂萨里', 'zh-CN', 'Ahtisaari'],
  ['阿提沙利', 'zh-TW', 'Ahtisaari'],
  ['美利坚合众国', 'zh-CN', 'United States of America'],
  ['驻科部队', 'zh-CN', 'Kosovo Force'],
  ['科地位特使办', 'zh-CN', 'Office of the Special Envoy of the Secretary-General for the future status process for Kosovo'],
  ['独立国家联合体', 'zh-CN', 'Commonwealth of Independent States'],
  ['西欧联盟', 'zh-CN', 'Western European Union'],
  ['和平伙伴关系', 'zh-CN', 'Partnership for Peace'],
  ['北约组织', 'zh-CN', 'North Atlantic Treaty Organization'],
  ['常务副秘书长', 'zh-CN', 'Deputy Secretary-General'],
  ['副秘书长', 'zh-CN', 'Under-Secretary-General'],
  ['助理秘书长', 'zh-CN', 'Assistant Secretary-General'],
  ['北约秘书长', 'zh-CN', 'NATO Secretary General'],
  ['安全理事会主席', 'zh-CN', 'President of the Security Council'],
  ['EAPC', 'en', 'Euro-Atlantic Partnership Council'],
  ['SEECP', 'en', 'South-East European Cooperation Process'],
];
for (const [text, lang, english] of SEED_ENTITIES) {
  test(`${text} (${lang}) is one concept, ${english}`, () => {
    const hits = glossary.filter((c) => c.terms.some((t) => t.text === text && t.lang === lang));
    assert.equal(hits.length, 1, `${text} is in ${hits.length} concepts`);
    assert.equal(label(hits[0], 'en'), english);
  });
}

test('the same entity is never two concepts: no preferred name is shared, except a CLDR city named like its territory', () => {
  const owners = new Map<string, string[]>();
  for (const c of glossary)
    for (const t of c.terms.filter((t) => t.status === 'preferred')) {
      const key = `${t.lang}\u0000${t.text}`;
      const ids = owners.get(key) ?? [];
      if (!ids.includes(c.externalId ?? '')) ids.push(c.externalId ?? '');
      owners.set(key, ids);
    }
  for (const [key, ids] of owners) {
    if (ids.length < 2) continue;
    const cityAndTerritory =
      ids.length === 2 && ids.some((id) => id.startsWith('cldr-city-')) && ids.some((id) => id.startsWith('cldr-territory-'));
    assert.ok(cityAndTerritory, `${key.replace('\u0000', ' ')} is preferred in ${ids.join(', ')}`);
  }
});
