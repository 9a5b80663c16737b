import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinCjkLines } from '../../glossary/candidates/text.ts';
import { splitSentences } from '../../glossary/align/sentences.ts';
import {
  CJK,
  HAN,
  HAN_CLASS,
  HAN_COMPATIBILITY,
  HAN_IDEOGRAPHS,
  HAN_RADICALS,
  hasHan,
  hasHanUnit,
  isHanChar,
  isHanCodePoint,
  isHanUnit,
  MIDDLE_DOTS,
  toHalfWidth,
} from '../../glossary/text/chars.ts';
import { fold, isCjkUnit } from '../../glossary/text/fold.ts';

const inRanges = (ranges: readonly (readonly [number, number])[], cp: number) => ranges.some(([a, b]) => cp >= a && cp <= b);

/** character → the classes it belongs to (han = HAN, radical = HAN_RADICALS, cjk = CJK). */
const TABLE: [label: string, ch: string, classes: { han: boolean; radical: boolean; cjk: boolean }][] = [
  ['unified ideograph', '中', { han: true, radical: false, cjk: true }],
  ['last unified ideograph', '\u9fff', { han: true, radical: false, cjk: true }],
  ['extension A', '\u3400', { han: true, radical: false, cjk: true }],
  ['extension B', '\u{20000}', { han: true, radical: false, cjk: true }],
  ['extension C', '\u{2a700}', { han: true, radical: false, cjk: true }],
  ['extension D', '\u{2b740}', { han: true, radical: false, cjk: true }],
  ['extension E', '\u{2b820}', { han: true, radical: false, cjk: true }],
  ['extension F', '\u{2ceb0}', { han: true, radical: false, cjk: true }],
  ['extension G', '\u{30000}', { han: true, radical: false, cjk: true }],
  ['extension H', '\u{31350}', { han: true, radical: false, cjk: true }],
  ['extension I', '\u{2ebf0}', { han: true, radical: false, cjk: true }],
  ['extension J', '\u{323b0}', { han: true, radical: false, cjk: true }],
  ['compatibility ideograph', '\uf900', { han: true, radical: false, cjk: true }],
  ['compatibility supplement', '\u{2f800}', { han: true, radical: false, cjk: true }],
  ['radicals supplement', '\u2e80', { han: false, radical: true, cjk: true }],
  ['Kangxi radical', '\u2f00', { han: false, radical: true, cjk: true }],
  ['iteration mark 々 (Script=Han, not an ideograph)', '々', { han: false, radical: false, cjk: true }],
  ['ideographic zero 〇', '〇', { han: false, radical: false, cjk: true }],
  ['katakana', 'ア', { han: false, radical: false, cjk: true }],
  ['ideographic full stop', '。', { han: false, radical: false, cjk: true }],
  ['full-width comma', '，', { han: false, radical: false, cjk: true }],
  ['full-width letter', 'Ａ', { han: false, radical: false, cjk: false }],
  ['Hangul', '한', { han: false, radical: false, cjk: false }],
  ['Latin', 'a', { han: false, radical: false, cjk: false }],
  ['emoji (a surrogate pair, not Han)', '\u{1f600}', { han: false, radical: false, cjk: false }],
];

describe('character classes', () => {
  for (const [label, ch, want] of TABLE) {
    it(`${label} (U+${ch.codePointAt(0)!.toString(16).toUpperCase()})`, () => {
      const cp = ch.codePointAt(0)!;
      assert.equal(isHanCodePoint(cp), want.han, 'HAN');
      assert.equal(isHanChar(ch), want.han, 'isHanChar');
      assert.equal(hasHan(`x${ch}y`), want.han, 'hasHan');
      assert.equal(new RegExp(`^${HAN_CLASS}$`, 'u').test(ch), want.han, 'HAN_CLASS');
      assert.equal(inRanges(HAN_RADICALS, cp), want.radical, 'HAN_RADICALS');
      assert.equal(inRanges(CJK, cp), want.cjk, 'CJK');
    });
  }

  it('every assigned code point of the ideograph ranges is Unicode Script=Han', () => {
    const han = /\p{Script=Han}/u;
    const unassigned = /\p{Cn}/u;
    for (const [first, last] of [...HAN_IDEOGRAPHS, ...HAN_COMPATIBILITY])
      for (let cp = first; cp <= last; cp++) {
        const ch = String.fromCodePoint(cp);
        if (!unassigned.test(ch)) assert.ok(han.test(ch), `U+${cp.toString(16)}`);
      }
  });

  it('every Script=Han letter is an ideograph of HAN, except the iteration and variation marks', () => {
    const han = /\p{Script=Han}/u;
    const letter = /\p{L}/u;
    const outside: string[] = [];
    for (let cp = 0; cp <= 0x3ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (han.test(ch) && letter.test(ch) && !isHanCodePoint(cp)) outside.push(cp.toString(16));
    }
    // 々 〻, the old Chinese iteration mark and the two Chinese variation marks of plane 1 (the
    // last three only in the Unicode versions that have them).
    const marks = new Set(['3005', '303b', '16fe3', '16ff2', '16ff3']);
    assert.deepEqual(outside.filter((cp) => !marks.has(cp)).slice(0, 20), []);
    assert.ok(outside.includes('3005'));
  });

  it('the middle dots ·・‧ are one class and all fold to U+00B7', () => {
    for (const dot of '·・‧') assert.ok(MIDDLE_DOTS.includes(dot), dot);
    for (const dot of MIDDLE_DOTS) assert.equal(fold(`哈希姆${dot}萨奇`), '哈希姆·萨奇', dot);
  });

  it('full-width ASCII becomes ASCII and nothing else changes', () => {
    assert.equal(toHalfWidth('２０２０年Ｓ／ＰＶ．８７４９，中'), '2020年S/PV.8749,中');
    assert.equal(toHalfWidth('　、。'), '　、。');
  });

  it('a UTF-16 unit counts as Han when it is a BMP ideograph or half of a surrogate pair', () => {
    assert.ok(isHanUnit('中'.charCodeAt(0)));
    assert.ok(isHanUnit('\u{20000}'.charCodeAt(0)) && isHanUnit('\u{20000}'.charCodeAt(1)));
    assert.ok(!isHanUnit('a'.charCodeAt(0)) && !isHanUnit('。'.charCodeAt(0)) && !isHanUnit('\u2e80'.charCodeAt(0)));
    assert.ok(hasHanUnit('Pristina 普里什蒂纳') && !hasHanUnit('Pristina'));
    for (const [first, last] of HAN) if (last <= 0xffff) assert.ok(isHanUnit(first) && isHanUnit(last));
  });
});

describe('the callers share the CJK class', () => {
  it('folding, candidate evidence and sentence splitting all join a line break between two ideographs, also outside the BMP', () => {
    const pairs: [string, string][] = [
      ['普里什', '蒂纳'],
      ['\u{20000}', '\u{20001}'],
      ['科索沃', '・'],
    ];
    for (const [a, b] of pairs) {
      const text = `${a}\n${b}`;
      assert.equal(fold(text), fold(a + b), `fold ${text}`);
      assert.equal(joinCjkLines(text), a + b, `joinCjkLines ${text}`);
      assert.equal(splitSentences(`${text}。`, 'zh')[0]?.text, `${a + b}。`, `splitSentences ${text}`);
    }
  });

  it('a line break between a Latin word and a Chinese one is kept by all three', () => {
    assert.equal(fold('Kosovo\n科索沃'), 'kosovo 科索沃');
    assert.equal(joinCjkLines('Kosovo\n科索沃'), 'Kosovo\n科索沃');
    assert.ok(!isCjkUnit('K'.charCodeAt(0)));
  });
});
