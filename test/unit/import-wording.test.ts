import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCsv } from '../../glossary/interchange/csv/read.ts';
import type { ImportInfo } from '../../glossary/interchange/entries.ts';
import { readTbx } from '../../glossary/interchange/tbx/read.ts';
import { translator } from '../../server/i18n/catalogue.ts';
import { importErrorLine, importLayout, placeInFile } from '../../server/i18n/import-wording.ts';
import type { UiLocale } from '../../server/i18n/locales.ts';
import { describeRefusal } from '../../server/i18n/problems.ts';

const lang = (locale: UiLocale) => ({ locale, t: translator(locale) });
async function* chunks(text: string): AsyncGenerator<string> {
  yield text;
}

async function refusalOf(entries: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of entries);
  } catch (e) {
    return e;
  }
  return assert.fail('the file was read without a refusal');
}

test('a TBX file refused at a line and column says where, in the page language, with the code’s sentence', async () => {
  const e = await refusalOf(readTbx(chunks('<?xml version="1.0"?>\n<tbx type="TBX-Basic">\n<text><body>\n</tbx>')));
  const en = describeRefusal(e, lang('en'));
  const [, line, column] = /^line (\d+), column (\d+): /.exec(en) ?? assert.fail(en);
  const zhCN = describeRefusal(e, lang('zh-CN'));
  assert.ok(zhCN.startsWith(`第 ${line} 行第 ${column} 列：`), zhCN);
  assert.ok(describeRefusal(e, lang('zh-TW')).startsWith(`第 ${line} 行第 ${column} 欄：`));
  assert.doesNotMatch(zhCN.replace(/XML/g, ''), /[A-Za-z]/, zhCN);
});

test('a malformed CSV file says its line', async () => {
  const e = await refusalOf(readCsv(chunks('en,zh-CN\nKosovo,科索沃\n"Pristina,普里什蒂纳\n')));
  const said = describeRefusal(e, lang('zh-CN'));
  assert.match(said, /^第 \d+ 行：/, said);
  assert.doesNotMatch(said.replace(/CSV/g, ''), /[A-Za-z]/, said);
});

test('a report’s problem entry: the line and element in Chinese, a general sentence, never the reader’s English', () => {
  const tbx = { where: 'line 12, <termEntry> id="c7"', message: 'term 2 has no language.' };
  assert.deepEqual(placeInFile(tbx.where), { line: 12, element: '<termEntry> id="c7"' });
  assert.deepEqual(importErrorLine(tbx, lang('zh-CN')), { where: '第 12 行（<termEntry> id="c7"）', message: '此条目有问题，无法按原样导入。' });
  assert.deepEqual(importErrorLine({ where: 'line 7', message: 'x' }, lang('zh-TW')), { where: '第 7 行', message: '此條目有問題，無法按原樣匯入。' });
  // English pages keep the reader's own, precise words
  assert.deepEqual(importErrorLine(tbx, lang('en')), tbx);
});

test('a refused import names the line of its first problem entry', () => {
  const e = { code: 'import-refused', message: 'line 12, <termEntry>: …', details: { errors: [{ where: 'line 12, <termEntry>', message: '…' }] } };
  assert.equal(describeRefusal(e, lang('zh-CN')), '第 12 行：导入被拒绝，未写入任何内容。');
});

async function infoOf(csv: string, options: { targetLang?: string } = {}): Promise<ImportInfo> {
  let info: ImportInfo | undefined;
  for await (const _ of readCsv(chunks(csv), { ...options, onInfo: (i) => (info = i) }));
  return info ?? assert.fail('the reader gave no layout');
}

test('the CSV layout line is worded in the page language from the reader’s values; English keeps the reader’s own words', async () => {
  const header = await infoOf('en,zh-CN,zh-TW\nKosovo,科索沃,科索夫\n');
  assert.equal(importLayout(header, translator('en')), header.layout, 'English wording is the reader’s');
  assert.equal(importLayout(header, translator('zh-CN')), '首行为语言标记（en, zh-CN, zh-TW），逗号分隔');
  assert.equal(importLayout(header, translator('zh-TW')), '首列為語言標記（en, zh-CN, zh-TW），逗號分隔');

  const tab = await infoOf('Kosovo\t科索沃\nPristina\t普里什蒂纳\n');
  assert.equal(importLayout(tab, translator('en')), tab.layout);
  const zh = importLayout(tab, translator('zh-CN')) ?? '';
  assert.match(zh, /^无标题行；源语言 en \| 目标语言 zh(-\w+)? \| 备注，制表符分隔$/);
  assert.doesNotMatch(zh, /header|source|target|separated/, 'no English words left');

  const lossless = await infoOf('concept,external id,lang,term\n');
  assert.equal(importLayout(lossless, translator('en')), lossless.layout);
  assert.match(importLayout(lossless, translator('zh-TW')) ?? '', /無損格式/);
});
