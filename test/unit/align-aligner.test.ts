import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alignTexts } from '../../glossary/align/align-texts.ts';
import { alignLengths } from '../../glossary/align/aligner.ts';
import { indexAnchors, sentenceAnchors } from '../../glossary/align/anchors.ts';
import { anchorChain, buildLexicalIndex, KeyTable } from '../../glossary/align/lexical.ts';
import { cedict, chineseWords } from '../../glossary/align/lexicon.ts';
import { ALIGN_SHAPES, calibratedPriorCosts, lengthProbability, priorCost, twoSidedTail } from '../../glossary/align/gale-church.ts';

const shape = (beads: { src: number[]; tgt: number[] }[]) => beads.map((b) => `${b.src.join(',')}:${b.tgt.join(',')}`);

describe('Gale–Church length model', () => {
  test('the normal tail is 1 at zero and about 0.05 at 1.96', () => {
    assert.ok(Math.abs(twoSidedTail(0) - 1) < 1e-6);
    assert.ok(Math.abs(twoSidedTail(1.96) - 0.05) < 1e-3);
  });
  test('a translation of the expected length is more probable than one twice as long', () => {
    const model = { c: 3, s2: 6.8 * 9 };
    assert.ok(lengthProbability(20, 60, model) > lengthProbability(20, 120, model));
  });
});

describe('shape priors calibrated to the sentence counts', () => {
  const cost = (costs: Float64Array, a: number, b: number) => costs[ALIGN_SHAPES.findIndex(([x, y]) => x === a && y === b)]!;
  test('with as many sentences on each side they are close to Gale and Church’s', () => {
    const costs = calibratedPriorCosts(ALIGN_SHAPES, 1000, 1000);
    for (const [a, b] of [
      [1, 1],
      [2, 1],
      [1, 2],
      [1, 0],
      [0, 1],
    ] as const)
      assert.ok(Math.abs(cost(costs, a, b) - priorCost([a, b])) < 1e-9);
    assert.ok(Math.abs(cost(costs, 2, 2) - priorCost([2, 2])) < 0.3);
    assert.ok(Math.abs(cost(costs, 1, 3) - cost(costs, 3, 1)) < 1e-9);
  });
  test('a target with 40 % more sentences makes 1-2 and 1-3 beads likelier and keeps the mean bead at the ratio', () => {
    const costs = calibratedPriorCosts(ALIGN_SHAPES, 1_000_000, 1_400_000);
    const even = calibratedPriorCosts(ALIGN_SHAPES, 1000, 1000);
    assert.ok(cost(costs, 1, 2) < cost(even, 1, 2));
    assert.ok(cost(costs, 1, 3) < cost(even, 1, 3));
    assert.ok(cost(costs, 3, 1) > cost(costs, 1, 3));
    // Over the shapes with sentences on both sides, the expected counts per side are in the ratio 1.4.
    let sa = 0;
    let sb = 0;
    let total = 0;
    const p = (a: number, b: number) => Math.exp(-cost(costs, a, b));
    for (let a = 1; a <= 8; a++)
      for (let b = 1; b <= 8; b++) {
        const q = ALIGN_SHAPES.some(([x, y]) => x === a && y === b)
          ? p(a, b)
          : Math.exp(-calibratedPriorCosts([[a, b]], 1_000_000, 1_400_000)[0]!);
        sa += a * q;
        sb += b * q;
        total += q;
      }
    assert.ok(total > 0 && Math.abs(sb / sa - 1.4) < 1e-3);
  });
  test('the counts of a short text barely move them (3 sentences against 2 is no evidence of merging)', () => {
    const costs = calibratedPriorCosts(ALIGN_SHAPES, 3, 2);
    assert.ok(Math.abs(cost(costs, 2, 1) - priorCost([2, 1])) < 0.5);
  });
});

describe('Chinese words by forward maximum matching', () => {
  test('the longest headword wins, runs of Han characters are matched apart, other text is skipped', () => {
    const dict = cedict();
    assert.ok(dict.has('共和') && dict.has('共和国'));
    assert.deepEqual(chineseWords('神创造天地。共和国 abc 成立', dict), ['神', '创造', '天地', '共和国', '成立']);
  });
});

describe('cognates between two Latin-script texts', () => {
  test('words sharing their first four letters pair the sentences when length cannot', () => {
    const de = ['Die Expeditionen dauerten sehr lange Zeit.', 'Es waren dreihundert Kilometer bis zum Gipfel.'];
    // A sentence the German lacks comes first; expéditions/Expeditionen and kilomètres/Kilometer are spelt differently.
    const fr = [
      'Personne ne voulait rentrer chez soi hier.',
      'Les expéditions ont duré très longtemps.',
      'Il y avait trois cents kilomètres au sommet.',
    ];
    const beads = alignTexts('', '', { sourceLanguage: 'latin', targetLanguage: 'latin', sourceSentences: de, targetSentences: fr }).beads;
    const withTarget = (j: number) => beads.find((b) => b.tgt.includes(j))!.src;
    assert.deepEqual(withTarget(1), [0]);
    assert.deepEqual(withTarget(2), [1]);
  });
});

describe('the chain of confident anchors', () => {
  test('keys too common over the whole document still anchor the stretches between rare ones', () => {
    // 1,000 sentence pairs: each shares a key that recurs every 50 sentences (never rare over
    // the document, rare within 100 sentences); every 100th pair also shares two unique keys.
    const table = new KeyTable();
    const keys = Array.from({ length: 1000 }, (_, i) =>
      Int32Array.from([`e:k${i % 50}`, ...(i % 100 === 0 ? [`e:u${i}`, `e:v${i}`] : [])], (k) => table.id(k)),
    );
    const index = buildLexicalIndex({ keys }, { keys }, true, new Uint8Array(table.size), table.size);
    const chain = anchorChain(index);
    assert.ok(chain.length > 100, `only ${chain.length} anchors`);
    assert.deepEqual(
      chain.filter(([s, t]) => s !== t),
      [],
    );
  });
});

describe('bead search on lengths', () => {
  const table: [string, number[], number[], string[]][] = [
    ['one to one throughout', [40, 80, 30, 60], [41, 79, 31, 60], ['0:0', '1:1', '2:2', '3:3']],
    ['a sentence translated as two (1-2)', [40, 120, 30, 60], [41, 58, 61, 31, 60], ['0:0', '1:1,2', '2:3', '3:4']],
    ['two sentences translated as one (2-1)', [40, 50, 70, 30, 60], [41, 121, 31, 60], ['0:0', '1,2:1', '3:2', '4:3']],
    ['two translated as two, neither pair matching on its own (2-2)', [30, 90, 40], [75, 45, 41], ['0,1:0,1', '2:2']],
    ['a sentence left untranslated (1-0)', [40, 60, 35, 50], [41, 36, 50], ['0:0', '1:', '2:1', '3:2']],
    ['a sentence added by the translator (0-1)', [40, 35, 50], [41, 60, 36, 50], ['0:0', ':1', '1:2', '2:3']],
  ];
  for (const [name, src, tgt, expected] of table)
    test(name, () => assert.deepEqual(shape(alignLengths(src, tgt, { skip: 'prior', model: { c: 1, s2: 6.8 } })), expected));

  test('every sentence of both sides is in exactly one bead, in order', () => {
    const src = Array.from({ length: 300 }, (_, i) => 20 + ((i * 37) % 90));
    const tgt = src.flatMap((n, i) => (i % 17 === 0 ? [Math.round(n / 2), Math.round(n / 2)] : i % 23 === 0 ? [] : [n + (i % 5)]));
    const beads = alignLengths(src, tgt);
    assert.deepEqual(
      beads.flatMap((b) => b.src),
      src.map((_, i) => i),
    );
    assert.deepEqual(
      beads.flatMap((b) => b.tgt),
      tgt.map((_, i) => i),
    );
  });

  test('a narrow band that the best path would leave is widened: the result equals the full search', () => {
    // Pseudo-random lengths (a fixed LCG), so that no stretch looks like another.
    let seed = 7;
    const src = Array.from({ length: 400 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return 10 + (seed % 120);
    });
    const tgt = [...src.slice(0, 100), ...src.slice(130)];
    const narrow = alignLengths(src, tgt, { band: 3, skip: 'prior' });
    const full = alignLengths(src, tgt, { band: 400, skip: 'prior' });
    assert.deepEqual(shape(narrow), shape(full));
    assert.ok(shape(full).includes('300:270'), 'the sentences after the gap align with each other');
  });
});

describe('anchors', () => {
  test('numbers, dates, document symbols and Latin words in Chinese are anchors', () => {
    const zh = sentenceAnchors('2020 年 11 月 5 日，安理会审议了 S/2020/1087 和 COVID-19 问题。', { chinese: true }).map((a) => a.key);
    for (const k of ['num:2020', 'num:11', 'num:5', 'sym:S/2020/1087', 'w:covid-19']) assert.ok(zh.includes(k), k);
    const en = sentenceAnchors('On 5 November 2020 the Council considered S/2020/1087.', { chinese: false }).map((a) => a.key);
    for (const k of ['num:2020', 'num:11', 'num:5', 'sym:S/2020/1087']) assert.ok(en.includes(k), k);
  });

  test('anchors are interned only when they can be shared', () => {
    const index = indexAnchors([[{ key: 'w:only-here', strong: false }]], [[{ key: 'num:5', strong: true }]]);
    assert.equal(index.src[0]!.ids.length, 0);
    assert.equal(index.tgt[0]!.ids.length, 1);
  });
});

describe('alignment of hand-made Chinese and English texts', () => {
  test('a Chinese sentence rendered as two English sentences makes a 1-2 bead', () => {
    const zh =
      '安全理事会于 2020 年 4 月 24 日举行会议。特别代表通报了科索沃的局势，并强调必须恢复贝尔格莱德和普里什蒂纳之间的对话。会议于下午结束。';
    const en =
      'The Security Council met on 24 April 2020. The Special Representative briefed on the situation in Kosovo. He stressed that the dialogue between Belgrade and Pristina must resume. The meeting ended in the afternoon.';
    const r = alignTexts(zh, en, { sourceLanguage: 'zh', targetLanguage: 'en' });
    assert.deepEqual(shape(r.beads), ['0:0', '1:1,2', '2:3']);
  });

  test('two Chinese sentences rendered as one English sentence make a 2-1 bead', () => {
    const zh = '会议于 2020 年 10 月 21 日举行。秘书长特别代表出席。他介绍了报告。随后各方发言。';
    const en =
      'The meeting on 21 October 2020 was attended by the Special Representative of the Secretary-General. He presented the report. The parties then spoke.';
    const r = alignTexts(zh, en, { sourceLanguage: 'zh', targetLanguage: 'en' });
    assert.deepEqual(shape(r.beads), ['0,1:0', '2:1', '3:2']);
  });
});
