import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Sentence } from '../../glossary/align/sentences.ts';
import { beadsOverLines, lineStarts } from '../../scripts/align-eval/beads.ts';
import { countMatches, parseBeads, scoreAlignments } from '../../scripts/align-eval/score.ts';

describe('bead scorer (vecalign definitions)', () => {
  // Gold: [0]:[0]  [1]:[1,2]  [2]:[]  [3]:[3]
  // Test: [0]:[0]  [1]:[1]  []:[2]  [2,3]:[3]
  const gold = parseBeads('[0]:[0]\n[1]:[1, 2]\n[2]:[]\n[3]:[3]\n');
  const test_ = parseBeads('[0]:[0]\n[1]:[1]\n[]:[2]\n[2, 3]:[3]\n');

  test('parses the [src]:[tgt] format, empty sides included', () => {
    assert.deepEqual(gold[2], { src: [2], tgt: [] });
    assert.deepEqual(test_[2], { src: [], tgt: [2] });
  });

  test('precision counts: 1 strict hit; [1]:[1] and [2,3]:[3] overlap gold (lax); []:[2] overlaps nothing', () => {
    assert.deepEqual(countMatches(gold, test_), { strictHit: 1, strictMiss: 3, laxHit: 3, laxMiss: 1 });
  });

  test('hand-computed strict and lax precision, recall and F1', () => {
    // Precision: strict 1/4, lax 3/4 (above).
    // Recall: gold without 1-0/0-1 = [0]:[0], [1]:[1,2], [3]:[3]; test without them =
    // [0]:[0], [1]:[1], [2,3]:[3]. Gold beads found in test: [0]:[0] strictly; [1]:[1,2]
    // overlaps [1]:[1]; [3]:[3] overlaps [2,3]:[3] → strict 1/3, lax 3/3.
    const s = scoreAlignments([gold], [test_]);
    assert.equal(s.precisionStrict, 1 / 4);
    assert.equal(s.recallStrict, 1 / 3);
    assert.ok(Math.abs(s.f1Strict - (2 * (1 / 4) * (1 / 3)) / (1 / 4 + 1 / 3)) < 1e-12);
    assert.equal(s.precisionLax, 3 / 4);
    assert.equal(s.recallLax, 1);
    assert.ok(Math.abs(s.f1Lax - (2 * 0.75) / 1.75) < 1e-12);
  });

  test('a perfect alignment scores 1 everywhere; documents are pooled before dividing', () => {
    const s = scoreAlignments([gold, gold], [gold, test_]);
    assert.equal(s.precisionStrict, (4 + 1) / (4 + 4));
    assert.equal(s.recallStrict, (3 + 1) / (3 + 3));
    assert.deepEqual(scoreAlignments([gold], [gold]), {
      precisionStrict: 1,
      recallStrict: 1,
      f1Strict: 1,
      precisionLax: 1,
      recallLax: 1,
      f1Lax: 1,
    });
  });

  test('a malformed bead line is refused with its line number', () => {
    assert.throws(() => parseBeads('[0]:[0]\n0:1\n'), /line 2/);
  });
});

describe('mapping re-split sentences back to gold lines', () => {
  const sentence = (start: number, end: number): Sentence => ({ text: '', start, end, block: 0 });
  // zh lines: "AB" "CD"   en lines: "ab" "cd"   joined with "\n": starts 0 and 3.
  const starts = lineStarts(['AB', 'CD'], '\n');

  test('a line split in two sentences maps both back onto the line, and the beads merge', () => {
    const zh = [sentence(0, 1), sentence(1, 2), sentence(3, 5)];
    const en = [sentence(0, 2), sentence(3, 5)];
    const beads = [
      { src: [0], tgt: [0], cost: 0, score: 1 },
      { src: [1], tgt: [], cost: 0, score: 0 },
      { src: [2], tgt: [1], cost: 0, score: 1 },
    ];
    assert.deepEqual(beadsOverLines(beads, zh, en, starts, starts), [
      { src: [0], tgt: [0] },
      { src: [1], tgt: [1] },
    ]);
  });

  test('a misaligned sentence chains two gold lines into one bead, which then scores as a miss', () => {
    const zh = [sentence(0, 1), sentence(1, 2), sentence(3, 5)];
    const en = [sentence(0, 2), sentence(3, 5)];
    const beads = [
      { src: [0], tgt: [0], cost: 0, score: 1 },
      { src: [1, 2], tgt: [1], cost: 0, score: 1 },
    ];
    const mapped = beadsOverLines(beads, zh, en, starts, starts);
    assert.deepEqual(mapped, [{ src: [0, 1], tgt: [0, 1] }]);
    assert.equal(scoreAlignments([parseBeads('[0]:[0]\n[1]:[1]')], [mapped]).f1Strict, 0);
  });

  test('a sentence that runs across a line break maps onto both lines', () => {
    const zh = [sentence(0, 5)];
    const en = [sentence(0, 2), sentence(3, 5)];
    const mapped = beadsOverLines([{ src: [0], tgt: [0, 1], cost: 0, score: 1 }], zh, en, starts, starts);
    assert.deepEqual(mapped, [{ src: [0, 1], tgt: [0, 1] }]);
  });
});
