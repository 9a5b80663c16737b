import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ERRORS, TermbridgeError } from '../../glossary/errors.ts';
import { normaliseConceptInput } from '../../glossary/concept/concept.ts';
import { translator } from '../../server/i18n/catalogue.ts';
import type { UiLocale } from '../../server/i18n/locales.ts';
import { describePassword, describeRefusal, describeZodIssues } from '../../server/i18n/problems.ts';
import { changesQuerySchema } from '../../server/schemas/changes.ts';
import { conceptBodySchema, listQuerySchema } from '../../server/schemas/concept.ts';

const lang = (locale: UiLocale) => ({ locale, t: translator(locale) });
const failure = (schema: { safeParse: (v: unknown) => { error?: unknown } }, value: unknown) => {
  const r = schema.safeParse(value);
  assert.ok(r.error, 'the value is refused');
  return r.error as Parameters<typeof describeZodIssues>[0];
};

describe('validation messages on pages', () => {
  test('a number field given letters says so in plain words, not zod’s “expected number, received NaN”', () => {
    const e = failure(listQuerySchema, { page: 'abc' });
    assert.equal(describeZodIssues(e, lang('en')), 'Page: must be a number.');
    assert.equal(describeZodIssues(e, lang('zh-CN')), '页码必须是数字。');
    assert.equal(describeZodIssues(e, lang('zh-TW')), '頁碼必須是數字。');
  });

  test('a term row says which term and which field, with the refinement’s own kind', () => {
    const e = failure(conceptBodySchema, {
      terms: [
        { text: '科索沃', lang: 'zh-CN' },
        { text: 'Kosovo', lang: 'not a tag!' },
      ],
    });
    assert.equal(describeZodIssues(e, lang('en')), 'Term 2, language: is not a language tag (such as zh-CN, zh-TW or en).');
    assert.equal(describeZodIssues(e, lang('zh-CN')), '第 2 个术语的语言不是语言标记（应类似 zh-CN、zh-TW 或 en）。');
  });

  test('one problem per field: an empty language is not also called a bad tag', () => {
    const e = failure(conceptBodySchema, { terms: [{ text: '科索沃', lang: '' }] });
    assert.equal(describeZodIssues(e, lang('zh-TW')), '第 1 個術語的語言為空，請填寫。');
  });

  test('limits carry their numbers, with plurals', () => {
    const e = failure(conceptBodySchema, { subject: 'x'.repeat(5000), terms: [] });
    const en = describeZodIssues(e, lang('en'));
    assert.match(en, /^Subject: may have at most \d+ characters\. Terms: needs at least 1 entry\.$/);
    assert.match(describeZodIssues(e, lang('zh-TW')), /^領域最多 \d+ 個字元。術語至少需要 1 項。$/);
  });

  test('a bad date in the change log filter', () => {
    assert.equal(
      describeZodIssues(failure(changesQuerySchema, { from: '25/11/2026' }), lang('zh-CN')),
      '起始日期必须是日期，例如 2026-11-25。',
    );
  });

  test('password rules in each language', () => {
    assert.equal(describePassword({ kind: 'tooShort', limit: 8 }, lang('en')), 'The password needs at least 8 characters.');
    assert.equal(describePassword({ kind: 'tooShort', limit: 8 }, lang('zh-TW')), '密碼至少需要 8 個字元。');
  });

  test('every registered error code has its sentence in Simplified and Traditional Chinese', () => {
    for (const locale of ['zh-CN', 'zh-TW'] as const) {
      const missing = Object.keys(ERRORS).filter((code) => {
        const said = describeRefusal({ code, message: 'English' }, lang(locale));
        return said === 'English' || said.includes(code) || /[A-Za-z]{4,}/.test(said.replace(/JSON|TBX|CSV|XML|termbridge|help/g, ''));
      });
      assert.deepEqual(missing, [], locale);
    }
  });

  test('a concept rule broken is worded precisely from its kind and values, not as the code’s general sentence', () => {
    const refusal = (input: Parameters<typeof normaliseConceptInput>[0]) => {
      try {
        normaliseConceptInput(input);
      } catch (e) {
        return e;
      }
      assert.fail('the concept was accepted');
    };
    const term = (text: string, lang: string) => ({ text, lang, status: 'preferred' as const });
    const twice = refusal({ terms: [term('Kosovo', 'en'), term('科索沃', 'zh-CN'), term('Kosovo', 'en')] });
    assert.equal(describeRefusal(twice, lang('zh-CN')), '术语“Kosovo”（英文）列出了两次。');
    assert.equal(describeRefusal(twice, lang('zh-TW')), '術語「Kosovo」（英文）列出了兩次。');
    assert.equal(describeRefusal(twice, lang('en')), 'The term "Kosovo" (en) is listed twice.');
    const empty = refusal({ terms: [term('Kosovo', 'en'), term(' ', 'zh-CN')] });
    assert.equal(describeRefusal(empty, lang('zh-TW')), '第 2 個術語沒有文字。');
    assert.equal(describeRefusal(refusal({ terms: [] }), lang('zh-CN')), '一个概念至少需要一个术语。');
  });

  test('English pages keep the refusal’s own, more precise sentence', () => {
    const e = new TermbridgeError('invalid-input', 'Term 2 has no text.');
    assert.equal(describeRefusal(e, lang('en')), 'Term 2 has no text.');
    assert.equal(describeRefusal(e, lang('zh-CN')), '输入无效。');
  });
});
