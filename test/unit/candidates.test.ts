import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildKnownIndex,
  buildTranslitModel,
  type Candidate,
  englishPhrases,
  extractCandidates,
  extractFromPairs,
  GUESS_NOTE,
  type KnownConcept,
  logLikelihood,
} from '../../glossary/candidates/index.ts';
import type { Term } from '../../glossary/concept/types.ts';
import { starterGlossary } from '../../glossary/starter/starter.ts';

// The character model comes from the starter glossary's person and place names, as in the app;
// the known terms are a few concepts per test, so what is "known" is visible in each case.
const MODEL = buildTranslitModel(starterGlossary());

function concept(id: number, ...texts: [string, string][]): KnownConcept {
  return { id, terms: texts.map(([text, lang], i) => ({ id: id * 100 + i, text, lang, status: 'preferred' }) as Term) };
}

function extract(text: string, known: KnownConcept[] = [], rejected: string[] = []) {
  return extractCandidates(text, { known: buildKnownIndex(known), model: MODEL, rejected: new Set(rejected) });
}

function find(list: Candidate[], text: string): Candidate | undefined {
  return list.find((c) => c.forms.some((f) => f.verified && f.text === text));
}

const verified = (c: Candidate | undefined) => c?.forms.filter((f) => f.verified).map((f) => [f.text, f.lang, f.type]) ?? [];

describe('monolingual patterns', () => {
  const cases: { name: string; text: string; known?: KnownConcept[]; expect: [string, string, string | null][] }[] = [
    {
      name: 'a full name with its abbreviation in half-width brackets, the name starting after a function word',
      text: '安理会就欧洲安全与合作组织(欧安组织)问题举行会议。',
      expect: [
        ['欧洲安全与合作组织', 'zh-CN', 'fullForm'],
        ['欧安组织', 'zh-CN', 'abbreviation'],
      ],
    },
    {
      name: 'full-width brackets',
      text: '他会见了北大西洋公约组织（北约）秘书长。',
      expect: [
        ['北大西洋公约组织', 'zh-CN', 'fullForm'],
        ['北约', 'zh-CN', 'abbreviation'],
      ],
    },
    {
      name: 'a name broken across lines (PDF text) is one name, reaching back over a known name (联合国) the abbreviation skips',
      text: '安理会表示打算在 2019 年就联合国科索沃临时行政当局\n\n特派团(科索沃特派团)问题举行三次情况通报会。',
      known: [concept(1, ['联合国', 'zh-CN'])],
      expect: [
        ['联合国科索沃临时行政当局特派团', 'zh-CN', 'fullForm'],
        ['科索沃特派团', 'zh-CN', 'abbreviation'],
      ],
    },
    {
      name: '"hereinafter" with Chinese quotation marks',
      text: '各方同意设立欧洲大学理事会（以下简称“欧大理事会”），负责协调。',
      expect: [
        ['欧洲大学理事会', 'zh-CN', 'fullForm'],
        ['欧大理事会', 'zh-CN', 'abbreviation'],
      ],
    },
    {
      name: '"hereinafter" without quotation marks (下称X), as in diplomatic letters',
      text: '欧洲大学理事会(下称欧大理事会)的决定已经通过。',
      expect: [
        ['欧洲大学理事会', 'zh-CN', 'fullForm'],
        ['欧大理事会', 'zh-CN', 'abbreviation'],
      ],
    },
    {
      name: '"hereinafter" with corner brackets',
      text: '双方签署了友好合作条约，下称「友好条约」。',
      expect: [
        ['友好合作条约', 'zh-CN', 'fullForm'],
        ['友好条约', 'zh-CN', 'abbreviation'],
      ],
    },
    {
      name: 'a transliterated name joined by a middle dot, cut at the title before and the conjunction after',
      text: '于 2020 年 6 月对总统哈希姆·萨奇和科索沃民主党领导人提出起诉。',
      expect: [['哈希姆·萨奇', 'zh-CN', 'fullForm']],
    },
    {
      name: 'a dotted name keeps characters no glossary name uses, and stops at a title',
      text: '土耳其外长梅夫吕特·恰武什奥卢表示，会见了弗拉基米尔·普京总统。',
      expect: [['梅夫吕特·恰武什奥卢', 'zh-CN', 'fullForm']],
    },
    {
      name: 'a dotted name ends before the title that follows it',
      text: '他会见了弗拉基米尔·普京总统。',
      expect: [['弗拉基米尔·普京', 'zh-CN', 'fullForm']],
    },
    {
      name: 'a name with its Latin spelling becomes a zh/en pair',
      text: '古特雷斯的发言人杜加里克（Stephane Dujarric）在一份声明中表示。',
      expect: [
        ['杜加里克', 'zh-CN', 'shortForm'],
        ['Stephane Dujarric', 'en', 'fullForm'],
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const r = extract(c.text, c.known);
      const found = find(r.candidates, c.expect[0]![0]);
      assert.ok(found, `no candidate ${c.expect[0]![0]} in ${JSON.stringify(r.candidates.map((x) => x.key))}`);
      assert.deepEqual(verified(found), c.expect);
    });
  }

  test('a bracket that is not an abbreviation of the text before it proposes nothing', () => {
    const r = extract('决定、表决(赞成-反对-弃权)和第七章(根据第七章通过)以及主席的信(S/2014/264)。');
    assert.deepEqual(
      r.candidates.filter((c) => c.kind === 'bracket-abbreviation' || c.kind === 'latin-gloss'),
      [],
    );
  });

  test('transliterated names are found in running text, common words are not', () => {
    const text =
      '俄罗斯安全会议秘书帕特鲁舍夫近日表示，俄罗斯有意尽快结束这次特别军事行动。帕特鲁舍夫说，西方希望战争继续。' +
      '库列巴在基辅表示，乌克兰不会让步。库列巴还说，谈判仍在进行。';
    const r = extract(text, [concept(1, ['俄罗斯', 'zh-CN']), concept(2, ['基辅', 'zh-CN']), concept(3, ['乌克兰', 'zh-CN'])]);
    assert.ok(find(r.candidates, '帕特鲁舍夫'), JSON.stringify(r.candidates.map((c) => c.key)));
    assert.ok(find(r.candidates, '库列巴'));
    for (const word of ['特别', '西方', '谈判']) assert.equal(find(r.candidates, word), undefined, word);
  });

  test('markup is not text: tag names, attributes and URLs propose nothing', () => {
    const r = extract('<p style="text-align:justify;"><a href="https://www.guancha.cn/x.shtml" target="_blank">拱火</a></p>');
    assert.deepEqual(r.candidates, []);
  });
});

describe('what the glossary already knows', () => {
  const text = '安理会听取了欧洲安全与合作组织(欧安组织)乌克兰特别监察团首席监察员的通报。';

  test('when every form is known, the candidate is reported as known and not proposed', () => {
    const r = extract(text, [concept(7, ['欧洲安全与合作组织', 'zh-CN'], ['欧安组织', 'zh-CN'])]);
    assert.equal(find(r.candidates, '欧安组织'), undefined);
    assert.equal(find(r.known, '欧安组织')?.known?.conceptId, 7);
  });

  test('when one form is known, the new one is proposed for that concept (a merge)', () => {
    const r = extract(text, [concept(7, ['歐洲安全與合作組織', 'zh-TW'])]);
    const c = find(r.candidates, '欧安组织');
    assert.equal(c?.known?.conceptId, 7, 'the Traditional term folds to the same form');
    assert.deepEqual(c?.known?.forms, ['欧洲安全与合作组织']);
  });

  test('a rejected form is never proposed again', () => {
    const r = extract(text, [], ['欧洲安全与合作组织']);
    assert.equal(find(r.candidates, '欧安组织'), undefined);
    assert.equal(find(r.known, '欧安组织'), undefined);
  });
});

describe('forms, guesses and evidence', () => {
  test('the zh-TW form is an opencc-js guess marked unverified', () => {
    const c = find(extract('他会见了北大西洋公约组织（北约）秘书长。').candidates, '北约')!;
    const guesses = c.forms.filter((f) => !f.verified);
    assert.deepEqual(
      guesses.map((f) => [f.text, f.lang, f.note]),
      [
        ['北大西洋公約組織', 'zh-TW', GUESS_NOTE],
        ['北約', 'zh-TW', GUESS_NOTE],
      ],
    );
  });

  test('a document in Traditional script gives zh-TW forms, with the zh-CN form as the guess', () => {
    const r = extract('支持塞爾維亞的俄羅斯外長拉夫羅夫，七號稍晚也將加入峰會。拉夫羅夫表示反對。拉夫羅夫說，談判破裂。', [
      concept(1, ['俄罗斯', 'zh-CN']),
      concept(2, ['塞尔维亚', 'zh-CN']),
    ]);
    assert.equal(r.script, 'zh-TW');
    const c = find(r.candidates, '拉夫羅夫');
    assert.ok(c, JSON.stringify(r.candidates.map((x) => x.key)));
    assert.deepEqual(
      c.forms.map((f) => [f.text, f.lang, f.verified]),
      [
        ['拉夫羅夫', 'zh-TW', true],
        ['拉夫罗夫', 'zh-CN', false],
      ],
    );
  });

  test('evidence gives the sentence and offsets into the original text, across a line break', () => {
    const text = '会表示打算在 2019 年就联合国科索沃临时行政当局\n特派团(科索沃特派团)问题举行会议。后来又开会。';
    const c = find(extract(text, [concept(1, ['联合国', 'zh-CN'])]).candidates, '科索沃特派团')!;
    const e = c.evidence[0]!;
    assert.equal(text.slice(e.start, e.end), '联合国科索沃临时行政当局\n特派团');
    assert.match(e.sentence, /联合国科索沃临时行政当局特派团\(科索沃特派团\)问题举行会议。$/);
    assert.ok(!e.sentence.includes('后来'));
  });
});

describe('bilingual co-occurrence', () => {
  const pairs = [
    { zh: '科索沃特派团团长向安理会通报了情况。', en: 'The Head of UNMIK briefed the Council.' },
    { zh: '安理会成员赞扬科索沃特派团的工作。', en: 'Council members praised the work of UNMIK.' },
    { zh: '一些成员要求对科索沃特派团进行审查。', en: 'Some members called for a review of UNMIK.' },
    { zh: '萨奇被起诉。', en: 'Thaçi was indicted.' },
    { zh: '特别代表欢迎对话。', en: 'The Special Representative welcomed the dialogue.' },
    { zh: '特别代表呼吁妇女参与。', en: 'The Special Representative called for the participation of women.' },
  ];

  test('a Chinese name and an English phrase that keep occurring in the same pairs are one candidate', () => {
    const r = extractFromPairs(pairs, { known: buildKnownIndex([]) });
    const c = find(r.candidates, '科索沃特派团');
    assert.ok(c, JSON.stringify(r.candidates.map((x) => x.forms.map((f) => f.text))));
    assert.deepEqual(
      c.forms.filter((f) => f.verified).map((f) => [f.text, f.lang]),
      [
        ['科索沃特派团', 'zh-CN'],
        ['UNMIK', 'en'],
      ],
    );
    assert.equal(c.evidence.length, 3);
    assert.ok(c.evidence.every((e) => e.en?.includes('UNMIK')));
    assert.ok(find(r.candidates, '特别代表')?.forms.some((f) => f.text === 'Special Representative'));
  });

  test('a pair the glossary knows on both sides is not proposed', () => {
    const r = extractFromPairs(pairs, { known: buildKnownIndex([concept(5, ['科索沃特派团', 'zh-CN'], ['UNMIK', 'en'])]) });
    assert.equal(find(r.candidates, '科索沃特派团'), undefined);
  });

  test('English capitalised phrases skip sentence-initial words, keep inner connectors and offer their parts', () => {
    assert.deepEqual(englishPhrases('The Organization for Security and Co-operation in Europe met in Vienna.'), [
      'Organization for Security and Co-operation in Europe',
      'Organization',
      'Security',
      'Co-operation',
      'Europe',
      'Vienna',
    ]);
  });

  test('log-likelihood is zero for independence and grows with association', () => {
    assert.ok(logLikelihood(10, 10, 10, 10) < 1e-9);
    assert.ok(logLikelihood(10, 0, 0, 100) > logLikelihood(5, 5, 5, 100));
  });
});
