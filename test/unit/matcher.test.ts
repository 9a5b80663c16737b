import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { openDatabase } from '../../db/connection.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { conceptFromInput } from '../../glossary/concept/concept.ts';
import { type Concept, conceptRef, type Status, type Term } from '../../glossary/concept/types.ts';
import { buildMatcher, isWordUnit, type TermMatch } from '../../glossary/matching/matcher.ts';
import { fold, foldTables, foldWithOffsets, MARK_CLASS } from '../../glossary/text/fold.ts';

// The starter glossary, as the server has it (ids and all).
const { db } = openDatabase(':memory:');
seedStarterGlossary(db);
const starter = glossarySnapshot(db).concepts;
db.close();
const starterMatcher = buildMatcher(starter);
const refOf = new Map(starter.map((c) => [c.id, conceptRef(c)]));

const fixture = (name: string) => readFileSync(new URL(`../fixtures/review/${name}`, import.meta.url), 'utf8');

/** Every place `name` occurs, allowing white space between its characters (as PDF extraction breaks lines). */
function occurrences(text: string, name: string): [number, number][] {
  const pattern = [...name].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
  return [...text.matchAll(new RegExp(pattern, 'g'))].map((m) => [m.index!, m.index! + m[0].length]);
}

// [fixture, concept (external id), names as written in the document]
const SEED_CASES: [string, string, string[]][] = [
  ['000-excerpt.txt', 'tb-pristina', ['普里什蒂纳']],
  ['000-excerpt.txt', 'cldr-city-Europe-Belgrade', ['贝尔格莱德']],
  ['000-excerpt.txt', 'cldr-territory-XK', ['科索沃']],
  ['000-excerpt.txt', 'tb-unmik', ['联合国科索沃临时行政当局特派团', '科索沃特派团']],
  ['000-excerpt-b.txt', 'tb-osce', ['欧洲安全与合作组织', '欧安组织']],
  ['000-excerpt.txt', 'tb-srsg', ['秘书长特别代表']],
  ['000-excerpt.txt', 'tb-security-council', ['安全理事会', '安理会']],
  ['002-excerpt.txt', 'cldr-territory-XK', ['科索夫']],
  ['002-excerpt.txt', 'cldr-territory-RS', ['塞爾維亞']],
  ['002-excerpt-b.txt', 'cldr-territory-RS', ['塞爾維亞']],
  ['002-excerpt.txt', 'tb-nato', ['北約']],
  ['002-excerpt.txt', 'cldr-city-Europe-Brussels', ['布魯塞爾']],
];

for (const [file, ref, names] of SEED_CASES) {
  test(`seed ${file}: every ${names.join(' / ')} is found as ${ref}, also when broken across lines`, () => {
    const text = fixture(file);
    const matches = starterMatcher.match(text);
    let exact = 0;
    let broken = 0;
    for (const name of names) {
      const found = occurrences(text, name);
      assert.ok(found.length > 0, `${name} occurs in ${file}`);
      for (const [start, end] of found) {
        const same = matches.find((m) => m.start === start && m.end === end);
        // Leftmost-longest: an occurrence inside a longer name (科索沃 in 科索沃特派团) is covered by that name.
        const inside = matches.find((m) => m.start <= start && m.end >= end && m.end - m.start > end - start);
        assert.ok(same || inside, `${JSON.stringify(text.slice(start, end))} at ${start} is matched`);
        if (same) {
          assert.equal(refOf.get(same.conceptId), ref, `${JSON.stringify(text.slice(start, end))} at ${start} is ${ref}`);
          exact++;
          if (/\s/.test(text.slice(start, end))) broken++;
        }
      }
    }
    assert.ok(exact > 0);
    if (file !== '002-excerpt.txt' && ['tb-pristina', 'cldr-territory-XK', 'tb-nato', 'cldr-territory-RS'].includes(ref)) {
      assert.ok(broken > 0, 'the excerpt has this name broken across lines, and it was matched');
    }
  });
}

// Names the seeds do not contain in every form, in sentences of the same kind (starter glossary).
const STARTER_LINES: [string, string[]][] = [
  [
    '欧盟、美国和俄罗斯组成的三\n驾马车未能达成协议。',
    ['欧盟#cldr-territory-EU', '美国#cldr-territory-US', '俄罗斯#cldr-territory-RU', '三\n驾马车#tb-troika'],
  ],
  ['歐盟、美國和俄羅斯三駕馬車', ['歐盟#cldr-territory-EU', '美國#cldr-territory-US', '俄羅斯#cldr-territory-RU', '三駕馬車#tb-troika']],
  [
    'The EU/U.S./Russia Troika met the OSCE and UNMIK in Pristina and Belgrade.',
    ['EU/U.S./Russia Troika#tb-troika', 'OSCE#tb-osce', 'UNMIK#tb-unmik', 'Pristina#tb-pristina', 'Belgrade#cldr-city-Europe-Belgrade'],
  ],
  ['北大西洋公约组织（北约）和科索沃特派团', ['北大西洋公约组织#tb-nato', '北约#tb-nato', '科索沃特派团#tb-unmik']],
  ['普里斯汀納與貝爾格勒', ['普里斯汀納#tb-pristina', '貝爾格勒#cldr-city-Europe-Belgrade']],
];
for (const [text, expected] of STARTER_LINES) {
  test(`starter glossary: ${JSON.stringify(text)} yields ${expected.length} names`, () => {
    const got = starterMatcher.match(text).map((m) => `${text.slice(m.start, m.end)}#${refOf.get(m.conceptId)}`);
    assert.deepEqual(got, expected);
  });
}

// Context: a name inside a longer known name or title never claims it (issue 17). Sentences
// of the kind the Kosovo and Balkan letters contain; the starter data has the longer names, and
// leftmost-longest does the rest.
const CONTEXT_LINES: [string, string, string[]][] = [
  [
    '副秘书长 is the Under-Secretary-General, not the Secretary-General',
    '副秘书长会见了秘书长。',
    ['副秘书长#tb-under-secretary-general', '秘书长#tb-secretary-general'],
  ],
  [
    'UN titles built on 秘书长 are each their own title',
    '常务副秘书长、助理秘书长和秘书长特别代表',
    ['常务副秘书长#tb-deputy-secretary-general', '助理秘书长#tb-assistant-secretary-general', '秘书长特别代表#tb-srsg'],
  ],
  [
    'the NATO Secretary General is not NATO + the UN Secretary-General',
    '北约秘书长索拉纳',
    ['北约秘书长#tb-nato-secretary-general', '索拉纳#tb-solana'],
  ],
  [
    'the EU Secretary-General/High Representative is one title',
    '欧盟秘书长/高级代表哈维尔·索拉纳',
    ['欧盟秘书长/高级代表#tb-eu-sg-high-representative', '哈维尔·索拉纳#tb-solana'],
  ],
  ['北约组织 is NATO, not 北约 followed by 组织', '北约组织和西欧联盟', ['北约组织#tb-nato', '西欧联盟#tb-weu']],
  ['北约 without 组织 is NATO too', '北约各国外长', ['北约#tb-nato']],
  [
    'the Contact Group is not the Trilateral Contact Group',
    '联络小组与三方联络小组',
    ['联络小组#tb-contact-group', '三方联络小组#tb-trilateral-contact-group'],
  ],
  [
    'regional organisations of the letters',
    '独立国家联合体、欧大理事会与和平伙伴关系',
    ['独立国家联合体#tb-cis', '欧大理事会#tb-eapc', '和平伙伴关系#tb-partnership-for-peace'],
  ],
  ['KFOR and UNOSEK by their Chinese abbreviations', '驻科部队和科地位特使办', ['驻科部队#tb-kfor', '科地位特使办#tb-unosek']],
  [
    'a person with the given name is one match, and without it the same person',
    '马尔蒂·阿赫蒂萨里先生；阿赫蒂萨里特使',
    ['马尔蒂·阿赫蒂萨里#tb-ahtisaari', '阿赫蒂萨里#tb-ahtisaari'],
  ],
  [
    'names separated by spaces when punctuation is lost: the surname still finds the person',
    '格奥尔基 阿纳尼耶夫先生 萨比特 布罗卡伊先生',
    ['阿纳尼耶夫#tb-ananiev', '布罗卡伊#tb-brokaj'],
  ],
  [
    "the Special Envoy and the Envoy's name",
    '秘书长科索沃未来地位进程问题特使马尔蒂·阿赫蒂萨里',
    ['秘书长科索沃未来地位进程问题特使#tb-special-envoy-kosovo-status', '马尔蒂·阿赫蒂萨里#tb-ahtisaari'],
  ],
  [
    'the UN formal name of the United States',
    '美利坚合众国和俄罗斯联邦',
    ['美利坚合众国#cldr-territory-US', '俄罗斯联邦#cldr-territory-RU'],
  ],
  [
    'the Democratic Republic of the Congo is not the Congo',
    '刚果民主共和国和刚果',
    ['刚果民主共和国#cldr-territory-CD', '刚果#cldr-territory-CG'],
  ],
  [
    'English UN titles: the Secretary-General inside a longer title does not claim it',
    'The Under-Secretary-General and the Deputy Secretary-General briefed the Secretary-General.',
    [
      'Under-Secretary-General#tb-under-secretary-general',
      'Deputy Secretary-General#tb-deputy-secretary-general',
      'Secretary-General#tb-secretary-general',
    ],
  ],
  [
    'the NATO Secretary General in English',
    'the NATO Secretary General and NATO',
    ['NATO Secretary General#tb-nato-secretary-general', 'NATO#tb-nato'],
  ],
  [
    "the Democratic People's Republic of Korea is not the Republic of Korea",
    "the Democratic People's Republic of Korea and the Republic of Korea",
    ["Democratic People's Republic of Korea#cldr-territory-KP", 'Republic of Korea#cldr-territory-KR'],
  ],
  ['Sofia is 索非亚', '在索非亚举行的会议', ['索非亚#cldr-city-Europe-Sofia']],
];
for (const [name, text, expected] of CONTEXT_LINES) {
  test(`context: ${name}`, () => {
    const got = starterMatcher.match(text).map((m) => `${text.slice(m.start, m.end)}#${refOf.get(m.conceptId)}`);
    assert.deepEqual(got, expected);
  });
}

// A small glossary of its own, for the semantics (not tied to the starter data).
function concept(id: number, terms: [string, string, Status?, Term['type']?][], externalId: string | null = null): Concept {
  return conceptFromInput(
    { externalId, terms: terms.map(([text, lang, status = 'preferred', type = null]) => ({ text, lang, status, type })) },
    id,
  );
}

const small = [
  concept(1, [
    ['北大西洋公约组织', 'zh-CN'],
    ['北约', 'zh-CN', 'admitted'],
    ['北約', 'zh-TW', 'admitted'],
    ['NATO', 'en', 'admitted'],
  ]),
  concept(2, [
    ['科索沃', 'zh-CN'],
    ['科索夫', 'zh-TW'],
    ['Kosovo', 'en'],
  ]),
  concept(3, [
    ['科索沃特派团', 'zh-CN', 'admitted'],
    ['UNMIK', 'en', 'admitted'],
  ]),
  concept(4, [
    ['三驾马车', 'zh-CN'],
    ['三駕馬車', 'zh-TW'],
    ['Troika', 'en'],
  ]),
  concept(5, [
    ['OSCE', 'en', 'admitted'],
    ['欧安组织', 'zh-CN', 'admitted'],
  ]),
  concept(6, [
    ['UN', 'en', 'admitted'],
    ['联合国', 'zh-CN'],
  ]),
  concept(7, [
    ['Hashim Thaçi', 'en'],
    ['哈希姆·萨奇', 'zh-CN'],
  ]),
  concept(8, [
    ['甲乙丙', 'zh-CN'],
    ['乙丙丁戊', 'zh-CN'],
    ['丁戊', 'zh-CN'],
  ]),
  concept(9, [['G20', 'en']]),
];
const smallMatcher = buildMatcher(small);
const spans = (text: string, m = smallMatcher) => m.match(text).map((x) => `${text.slice(x.start, x.end)}#${x.conceptId}`);

const SEMANTICS: [string, string, string[]][] = [
  ['the longest name wins over one inside it', '北大西洋公约组织成员国', ['北大西洋公约组织#1']],
  ['a longer name wins over a shorter one starting at the same place', '科索沃特派团团长', ['科索沃特派团#3']],
  ['the shorter name alone is found', '科索沃和北约', ['科索沃#2', '北约#1']],
  ['leftmost first, then the next match starts after it', '甲乙丙丁戊', ['甲乙丙#8', '丁戊#8']],
  ['Latin names run together are one word, so none matches', 'OSCEKosovo', []],
  ['a name broken by a line break is matched', '三\n驾马车', ['三\n驾马车#4']],
  ['a name broken by spaces and an ideographic space is matched', '普 三 \u3000驾马车', ['三 \u3000驾马车#4']],
  ['Traditional text matches Simplified terms and back', '三駕馬車與北約', ['三駕馬車#4', '北約#1']],
  ['mixed scripts within a name fold alike', '北大西洋公約组織', ['北大西洋公約组織#1']],
  ['Latin terms need word boundaries: not inside a longer word', 'OSCEs and FUN and G200', []],
  ['Latin terms match case-insensitively at word edges', 'the osce, KOSOVO-based, Kosovo’s', ['osce#5', 'KOSOVO#2', 'Kosovo#2']],
  ['a longer Latin name beats an acronym prefix', 'UNMIK and UN', ['UNMIK#3', 'UN#6']],
  ['full-width Latin folds to ASCII', 'ＯＳＣＥ与ｇ２０', ['ＯＳＣＥ#5', 'ｇ２０#9']],
  ['Latin next to Chinese is a boundary', '在OSCE的G20会议', ['OSCE#5', 'G20#9']],
  ['diacritics and case are folded', 'HASHIM THACI met Hashim  Thaçi', ['HASHIM THACI#7', 'Hashim  Thaçi#7']],
  ['middle dots are unified', '哈希姆・萨奇和哈希姆•萨奇', ['哈希姆・萨奇#7', '哈希姆•萨奇#7']],
  ['Latin words broken across lines keep one space', 'Hashim\nThaçi', ['Hashim\nThaçi#7']],
  ['white space between CJK and Latin is not dropped inside Latin names', 'HashimThaçi', []],
  ['CJK terms match anywhere, even inside other CJK text', '前科索沃人', ['科索沃#2']],
  [
    'decomposed diacritics fold like precomposed ones, marks included in the span',
    'Hashim Thac\u0327i\u0301 and Thac\u0327ix',
    ['Hashim Thac\u0327i\u0301#7'],
  ],
];

for (const [name, text, expected] of SEMANTICS) {
  test(`matching: ${name}`, () => {
    assert.deepEqual(spans(text), expected);
  });
}

test('offsets are UTF-16 offsets into the original text, around astral characters too', () => {
  const text = '𠀀😀科索\n沃😀北约';
  const ms = smallMatcher.match(text);
  assert.deepEqual(
    ms.map((m) => text.slice(m.start, m.end)),
    ['科索\n沃', '北约'],
  );
});

test('when forms of several terms fold alike, the one written exactly is reported, the others are alternatives', () => {
  const [simplified] = smallMatcher.match('三驾马车');
  const [traditional] = smallMatcher.match('三駕馬車');
  assert.equal(simplified!.term.lang, 'zh-CN');
  assert.equal(traditional!.term.lang, 'zh-TW');
  assert.deepEqual(
    traditional!.alternatives?.map((a) => a.term.text),
    ['三驾马车'],
  );
});

test('a name shared by two concepts is reported deterministically: preferred status first, then the lower id', () => {
  const m = buildMatcher([
    concept(20, [['Georgia', 'en', 'admitted']]),
    concept(12, [['Georgia', 'en', 'admitted']]),
    concept(30, [['Georgia', 'en']]),
  ]);
  const [hit] = m.match('Georgia');
  assert.equal(hit!.conceptId, 30);
  assert.deepEqual(
    hit!.alternatives!.map((a) => a.conceptId),
    [12, 20],
  );
  const m2 = buildMatcher([concept(20, [['Georgia', 'en', 'admitted']]), concept(12, [['Georgia', 'en', 'admitted']])]);
  assert.equal(m2.match('Georgia')[0]!.conceptId, 12);
});

test('termCount counts every term with text; an empty glossary matches nothing', () => {
  assert.equal(
    smallMatcher.termCount,
    small.reduce((n, c) => n + c.terms.length, 0),
  );
  const empty = buildMatcher([]);
  assert.equal(empty.termCount, 0);
  assert.deepEqual(empty.match('科索沃 Kosovo'), []);
});

/** The specification, executed slowly: fold, then at each position try every key, longest first. */
function referenceMatch(concepts: readonly Concept[], text: string): [number, number, string][] {
  const keys = [...new Set(concepts.flatMap((c) => c.terms.map((t) => fold(t.text))).filter(Boolean))].sort((a, b) => b.length - a.length);
  const f = foldWithOffsets(text);
  const s = f.text;
  const word = (i: number) => i >= 0 && i < s.length && isWordUnit(s.charCodeAt(i));
  const out: [number, number, string][] = [];
  let i = 0;
  while (i < s.length) {
    let hit: string | undefined;
    if (!(word(i) && word(i - 1))) {
      hit = keys.find((k) => s.startsWith(k, i) && !(isWordUnit(k.charCodeAt(k.length - 1)) && word(i + k.length)));
    }
    if (hit) {
      let end = f.offsets[i + hit.length - 1]! + 1;
      // Combining marks after the last letter belong to it.
      while (end < text.length && foldTables().cls[text.charCodeAt(end)] === MARK_CLASS) end++;
      out.push([f.offsets[i]!, end, hit]);
      i += hit.length;
    } else i++;
  }
  return out;
}

const PIECES = [
  '科索沃',
  '科索',
  '沃',
  '特派团',
  '北约',
  '北大西洋公约组织',
  '北',
  '三',
  '驾马车',
  '駕',
  'OSCE',
  'osce',
  'UN',
  'MIK',
  'G20',
  'Thaçi',
  'Hashim',
  '甲乙丙',
  '丁戊',
  '乙丙丁戊',
  '乙',
  'ＯＳ',
];
const NOISE = [' ', '\n', '\n\n', '\u3000', '，', '。', 'x', '1', '-', '·', '😀', '的', 'é', 'e\u0301', '\u0327', '\u0301\u0301'];

test('property: the matcher agrees with the executable specification, offsets map back, matches never overlap', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES, ...NOISE), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const got = smallMatcher.match(text);
      let last = 0;
      for (const m of got) {
        assert.ok(m.start >= last && m.end > m.start && m.end <= text.length, 'sorted, non-overlapping, in range');
        assert.equal(fold(text.slice(m.start, m.end)), fold(m.term.text), 'the span folds to the matched term');
        last = m.end;
      }
      assert.deepEqual(
        got.map((m) => [m.start, m.end, fold(m.term.text)]),
        referenceMatch(small, text),
      );
    }),
    { numRuns: 400 },
  );
});

test('property: arbitrary text never breaks the matcher', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      const got: TermMatch[] = starterMatcher.match(text);
      let last = 0;
      for (const m of got) {
        assert.ok(m.start >= last && m.end > m.start && m.end <= text.length);
        last = m.end;
      }
    }),
    { numRuns: 300 },
  );
});

test('catalogue codes fanning out into numeric suffixes (SN0 … SN2999, 合成名称N) are each found as their own concept', () => {
  // The shape that made the double-array construction quadratic: a few stems, ten digits
  // below each node, thousands of leaves. Every code must still be reachable and exact.
  const n = 3000;
  const codes = Array.from({ length: n }, (_, i) =>
    conceptFromInput(
      {
        terms: [
          { text: `SN${i}`, lang: 'en', status: 'preferred' },
          { text: `Synthetic Name ${i}`, lang: 'en', status: 'admitted' },
          { text: `合成名称${i}`, lang: 'zh-CN', status: 'preferred' },
        ],
      },
      i + 1,
    ),
  );
  const matcher = buildMatcher(codes);
  for (const i of [0, 1, 9, 10, 99, 100, 1234, 2999]) {
    const text = `见SN${i}与合成名称${i}，and Synthetic Name ${i}.`;
    const got = matcher.match(text).map((m) => [text.slice(m.start, m.end), m.conceptId]);
    assert.deepEqual(got, [
      [`SN${i}`, i + 1],
      [`合成名称${i}`, i + 1],
      [`Synthetic Name ${i}`, i + 1],
    ]);
  }
  // SN30000 is no code; its prefix SN3000 is not one either (n = 3000), and a word boundary
  // keeps SN300 from matching inside it.
  assert.deepEqual(matcher.match('SN30000'), []);
  const sample = 'SN12 SN120 SN1200x SN7 合成名称42合成名称4';
  assert.deepEqual(
    matcher.match(sample).map((m) => [m.start, m.end, fold(m.term.text)]),
    referenceMatch(codes, sample),
  );
});
