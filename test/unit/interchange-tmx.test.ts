import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alignmentToTmx, type DocumentAlignment } from '../../glossary/align/document-alignment.ts';

/**
 * TMX of an alignment names the Chinese side's language as the text is written: a Traditional
 * text says zh-TW (srclang and its <tuv>), a Simplified one zh-CN, and a tag the user sets wins.
 */
const pairs = [
  { zh: [0], en: [0] },
  { zh: [1], en: [1] },
] as unknown as DocumentAlignment['pairs'];
const EN = ['The Special Representative visited Pristina.', 'He met the Prime Minister of Kosovo.'];
const TRADITIONAL = ['秘書長特別代表訪問了普里斯汀納。', '他會見了科索夫總理。'];
const SIMPLIFIED = ['秘书长特别代表访问了普里什蒂纳。', '他会见了科索沃总理。'];

const header = (tmx: string) => /<header [^>]*srclang="([^"]+)"/.exec(tmx)?.[1];
const tuvLangs = (tmx: string) => [...new Set([...tmx.matchAll(/<tuv xml:lang="([^"]+)">/g)].map((m) => m[1]))];

describe('alignment TMX languages', () => {
  test('a Traditional Chinese text says zh-TW, a Simplified one zh-CN', () => {
    const tw = alignmentToTmx({ pairs, sentences: { zh: TRADITIONAL, en: EN } });
    assert.equal(header(tw), 'zh-TW');
    assert.deepEqual(tuvLangs(tw), ['zh-TW', 'en']);
    const cn = alignmentToTmx({ pairs, sentences: { zh: SIMPLIFIED, en: EN } });
    assert.equal(header(cn), 'zh-CN');
  });

  test('the languages the alignment found, and those the user sets, are the ones written', () => {
    const found = alignmentToTmx({ pairs, sentences: { zh: SIMPLIFIED, en: EN }, languages: { zh: 'zh-TW', en: 'en' } });
    assert.equal(header(found), 'zh-TW');
    const set = alignmentToTmx({ pairs, sentences: { zh: TRADITIONAL, en: EN } }, { zhLang: 'zh-HK', enLang: 'en-GB' });
    assert.deepEqual(tuvLangs(set), ['zh-HK', 'en-GB']);
  });

  test('with English as the source, srclang is English and the Chinese side still says zh-TW', () => {
    const tmx = alignmentToTmx({ pairs, sentences: { zh: TRADITIONAL, en: EN } }, { source: 'en' });
    assert.equal(header(tmx), 'en');
    assert.deepEqual(tuvLangs(tmx), ['en', 'zh-TW']);
  });
});
