import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DOUBTFUL_SCORE, dotPlot } from '../../glossary/align/plot.ts';

describe('the dot plot of an alignment', () => {
  const pairs = [
    { zh: [0], en: [0], score: 0.9 },
    { zh: [1], en: [1, 2], score: 0.8 },
    { zh: [2], en: [], score: 0 },
    { zh: [3], en: [3], score: DOUBTFUL_SCORE / 2 },
  ];
  const plot = dotPlot(pairs, 4, 4, 400);

  test('one dot per pair, at the middle of its sentences on each side, scaled to the square', () => {
    assert.equal(plot.size, 400);
    assert.deepEqual(
      plot.dots.map((d) => [d.pair, d.x, d.y]),
      [
        [0, 50, 50],
        [1, 150, 200],
        // no English sentence: it sits where the English side stands after the pair before
        [2, 250, 300],
        [3, 350, 350],
      ],
    );
  });

  test('a pair with an empty side or a low score is doubtful; the others are not', () => {
    assert.deepEqual(
      plot.dots.map((d) => d.doubtful),
      [false, false, true, true],
    );
  });

  test('the dots never go back: the path is monotone on both axes', () => {
    for (let k = 1; k < plot.dots.length; k++) {
      assert.ok(plot.dots[k]!.x >= plot.dots[k - 1]!.x);
      assert.ok(plot.dots[k]!.y >= plot.dots[k - 1]!.y);
    }
  });
});
