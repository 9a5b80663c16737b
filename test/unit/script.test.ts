import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareText } from '../../glossary/candidates/text.ts';
import { guessLocaleFromScript } from '../../glossary/text/script.ts';

/** text → the script review and candidate extraction both assign to it */
const TABLE: [label: string, text: string, script: 'zh-CN' | 'zh-TW'][] = [
  ['Simplified', '科索沃总统在普里什蒂纳会见了联合国代表。', 'zh-CN'],
  ['Traditional', '科索沃總統在普里什蒂納會見了聯合國代表。', 'zh-TW'],
  ['no script-specific character', '科索沃', 'zh-CN'],
  ['no Chinese at all', 'Kosovo and Pristina', 'zh-CN'],
  // The old candidate rule (more than 4 % of Han units change when folded) called this Traditional.
  ['Simplified text quoting one Traditional name', '在臺北会见', 'zh-CN'],
  ['Traditional inside markup', '<p>會見</p>', 'zh-TW'],
];

describe('script detection: one rule for review and candidates', () => {
  for (const [label, text, script] of TABLE)
    it(`${label} → ${script}`, () => {
      assert.equal(guessLocaleFromScript(text), script, 'review');
      assert.equal(prepareText(text).script, script, 'candidates');
    });
});
