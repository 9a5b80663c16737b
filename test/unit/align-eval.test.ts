import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ntrex, textberg } from '../../scripts/align-eval/sets.ts';

// The corpora are CC BY-SA and GPL: they stay in ../shared and are read in place.
const ROOT = fileURLToPath(new URL('../../../shared/corpus/align/', import.meta.url));
const NTREX = `${ROOT}ntrex-zh-en`;
const TEXTBERG = `${ROOT}textberg-de-fr`;

describe('alignment quality on the shared test sets', () => {
  test('NTREX zh–en, documents re-split by our splitter: strict F1 ≥ 0.90 and above Gale–Church', {
    skip: existsSync(`${NTREX}/newstest2019-src.eng.txt`) ? false : `corpus absent at ${NTREX}`,
  }, () => {
    const r = ntrex(NTREX, '\n');
    assert.ok(r.ours.f1Strict >= 0.9, `strict F1 ${r.ours.f1Strict}`);
    assert.ok(r.ours.f1Strict > r.galeChurch.f1Strict, `${r.ours.f1Strict} vs Gale–Church ${r.galeChurch.f1Strict}`);
  });

  test('Text+Berg de–fr: anchors and the extra bead shapes beat plain Gale–Church', {
    skip: existsSync(`${TEXTBERG}/test0.defr`) ? false : `corpus absent at ${TEXTBERG}`,
  }, () => {
    const r = textberg(TEXTBERG);
    assert.ok(r.ours.f1Strict > r.galeChurch.f1Strict, `${r.ours.f1Strict} vs Gale–Church ${r.galeChurch.f1Strict}`);
  });
});
