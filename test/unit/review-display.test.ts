import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { openDatabase } from '../../db/connection.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import { buildMatcher } from '../../glossary/matching/matcher.ts';
import { displayBreaks } from '../../glossary/review/reflow.ts';
import { REPORT_COLUMNS, reportCsv, reportRows } from '../../glossary/review/report.ts';
import { type DocumentFormat, reviewDocument, reviewGlossary } from '../../glossary/review/review.ts';
import { frontMatter } from '../../glossary/text/front-matter.ts';

const { db } = openDatabase(':memory:');
seedStarterGlossary(db);
const starter = glossarySnapshot(db).concepts;
db.close();
const glossary = reviewGlossary(buildMatcher(starter), starter);
const idOf = new Map(starter.map((c) => [c.externalId, c.id]));

/** What the text rendering shows, tags removed and entities decoded. */
const shownText = (html: string) =>
  html
    .replace(/<dl class="review-front-matter">.*?<\/dl>/s, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

// Lines of about one width, as a PDF page sets them; the last paragraph follows more blank lines.
const PDF = [
  '安全理事会就科索沃问题举行了两次公开视频会议，听取了秘书长特别代表兼科',
  '索沃特派团团长就普里什蒂纳和贝尔格莱德之间关系所作的通报，并讨论了相关',
  '的进展情况和今后的工作，各方都表示支持特派团的各项工作安排和后续行动。',
  '\n\n第二段从这里开始，讨论了另外一个问题，篇幅和第一段的各行大致相当。',
];

describe('review reflows PDF line breaks for display; offsets stay into the original', () => {
  // [name, document, what the display shows]
  const CASES: [string, string, string][] = [
    [
      'PDF text with a blank line after every line: one paragraph, Chinese lines joined without a space',
      PDF.join('\n\n'),
      `${PDF.slice(0, 3).join('')}\n\n${PDF[3]!.trim()}`,
    ],
    [
      'hard-wrapped English: a space where the line ended, a hyphenated word joined',
      'The Special Representative of the Secretary-General briefed the Council on\nthe situation in Kosovo and on the peace-\nkeeping presence of the United Nations Interim Administration\nMission in Kosovo in the period under review.\n\nA second paragraph.',
      'The Special Representative of the Secretary-General briefed the Council on the situation in Kosovo and on the peace-keeping presence of the United Nations Interim Administration Mission in Kosovo in the period under review.\n\nA second paragraph.',
    ],
    [
      'one paragraph per line (news, not wrapped): each line stays a line',
      '科索沃宣布独立。\n塞尔维亚表示反对。\n\n联合国呼吁对话。',
      '科索沃宣布独立。\n塞尔维亚表示反对。\n\n联合国呼吁对话。',
    ],
  ];
  for (const [name, text, shown] of CASES) {
    test(name, () => {
      const { html, matches } = reviewDocument(text, glossary, { render: true });
      assert.equal(shownText(html!), shown);
      assert.ok(matches.length > 0);
      for (const m of matches) assert.equal(text.slice(m.start, m.end), m.text, 'offsets into the original');
    });
  }

  test('a name broken across a PDF line is one mark, shown joined', () => {
    const text = [
      '安全理事会就科索沃问题举行了两次公开视频会议，听取了关于普里什',
      '蒂纳局势的通报，讨论了相关的进展情况和今后的工作，各方表示支持',
      '特派团的各项工作安排和后续行动，并呼吁贝尔格莱德恢复相关的对话，',
      '以便各方在欧洲联盟的协助下早日达成全面的关系正常化的法律协议。',
    ].join('\n\n');
    const { html, matches } = reviewDocument(text, glossary, { render: true });
    const pristina = matches.find((m) => m.conceptId === 'tb-pristina')!;
    assert.equal(pristina.text, '普里什\n\n蒂纳');
    assert.equal(shownText(html!), text.replaceAll('\n\n', ''));
    assert.match(html!, />普里什蒂纳<\/mark>/);
  });

  test('breaks are computed in one pass: a document of 200,000 PDF lines', () => {
    const text = '科索沃特派团的工作取得了进展，各方表示\n\n'.repeat(200_000);
    const breaks = displayBreaks(text);
    assert.equal(breaks.length, 199_999);
    assert.ok(breaks.every((b, i) => i === 0 || b.start >= breaks[i - 1]!.end));
  });
});

describe('YAML front matter is metadata, not text', () => {
  const DOC = `\n---\ntitle: '普京见联合国秘书长：承认科索沃'\ncategories:\n - 新媒体\n - 头条\nauthor: 观察者网\n---\n\n<p>普京会见了古特雷斯。</p>\n<p>科索沃问题。</p>`;

  for (const format of ['html', 'text', 'md'] as DocumentFormat[]) {
    test(`${format}: no name in the front matter is marked; the fields are shown as a list; offsets into the original`, () => {
      const { html, matches, frontMatter: fields } = reviewDocument(DOC, glossary, { render: true, format });
      const end = DOC.indexOf('---\n\n') + 4;
      assert.ok(matches.length >= 3);
      assert.ok(
        matches.every((m) => m.start >= end),
        'nothing matched in the front matter',
      );
      for (const m of matches) assert.equal(DOC.slice(m.start, m.end), m.text);
      assert.deepEqual(
        fields!.map((f) => `${f.key}=${f.value}`),
        ['title=普京见联合国秘书长：承认科索沃', 'categories=新媒体, 头条', 'author=观察者网'],
      );
      assert.match(html!, /^<dl class="review-front-matter"><dt>title<\/dt><dd>普京见联合国秘书长：承认科索沃<\/dd>/);
      assert.doesNotMatch(html!.slice(0, html!.indexOf('</dl>')), /<mark/);
    });
  }

  const SEED = new URL('../../../shared/seeds/003_b479d2568982aaa3.txt', import.meta.url);
  test('seed 003: the title and author are metadata', { skip: existsSync(SEED) ? false : `no seed at ${SEED.pathname}` }, () => {
    const text = readFileSync(SEED, 'utf8');
    const { matches, frontMatter: fields } = reviewDocument(text, glossary, { format: 'html' });
    assert.ok(fields?.some((f) => f.key === 'title'));
    const end = frontMatter(text)!.end;
    assert.ok(matches.every((m) => m.start >= end));
    assert.ok(matches.length > 10);
  });

  const NOT_FRONT_MATTER: [string, string][] = [
    ['no closing line', '---\ntitle: x\nbody text'],
    ['not at the start', '科索沃\n---\ntitle: x\n---\n'],
    ['a list, not a mapping', '---\n- a\n- b\n---\n'],
    ['broken YAML', '---\ntitle: [unclosed\n---\n'],
    [
      'an alias bomb',
      `---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${'*a, '.repeat(9)}*a]\nc: &c [${'*b, '.repeat(9)}*b]\nd: [${'*c, '.repeat(9)}*c]\n---\n`,
    ],
  ];
  for (const [name, text] of NOT_FRONT_MATTER) {
    test(`${name}: no front matter, the text is reviewed as text`, () => {
      assert.equal(frontMatter(text), null);
    });
  }
});

test('each mark links to its concept page', () => {
  const text = '科索沃和普里什蒂纳';
  for (const format of ['text', 'html', 'md'] as DocumentFormat[]) {
    const { html } = reviewDocument(text, glossary, { render: true, format });
    const hrefs = [...html!.matchAll(/<mark [^>]*data-href="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, [`/concepts/${idOf.get('cldr-territory-XK')}`, `/concepts/${idOf.get('tb-pristina')}`], format);
  }
});

describe('the review report', () => {
  const text = '第一行\n科索夫的代表和科索沃的代表\n=HYPERLINK("http://x")普京';
  const review = reviewDocument(text, glossary, { locale: 'zh-CN' });
  const rows = reportRows(text, review);

  test('one row per issue, one per name without issue: name, concept, issue, suggestion, position, context', () => {
    const kosovoTw = rows.find((r) => r.name === '科索夫')!;
    assert.equal(kosovoTw.concept, 'Kosovo');
    assert.equal(kosovoTw.issue, 'not-preferred-for-locale');
    assert.equal(kosovoTw.suggestion, '科索沃');
    assert.deepEqual(kosovoTw.position, { start: 4, end: 7, line: 2, column: 1 });
    assert.equal(kosovoTw.context, '第一行 [科索夫]的代表和科索沃的代表 =HYPERLINK("http://');
    const putin = rows.find((r) => r.name === '普京')!;
    assert.deepEqual([putin.issue, putin.position.line, putin.position.column], ['', 3, 23]);
    assert.equal(
      rows.length,
      review.matches.reduce((n, m) => n + Math.max(1, m.issues.length), 0),
    );
  });

  test('CSV: the header, a row per report row, and the formula guard on cells a spreadsheet would run', () => {
    const formula = '=HYPERLINK("http://x")普京';
    const guarded = reportCsv(reportRows(formula, reviewDocument(formula, glossary)));
    // the context starts with "=HYPERLINK(": written as text, with the guard's apostrophe
    assert.match(guarded, /,"'=HYPERLINK\(""http:\/\/x""\)\[普京\]"\r\n$/);
    const csv = reportCsv(rows);
    const lines = csv
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    assert.equal(lines[0], REPORT_COLUMNS.join(','));
    assert.equal(lines.length, rows.length + 1);
    assert.ok(lines.some((l) => l.startsWith('科索夫,Kosovo,cldr-territory-XK,not-preferred-for-locale,科索沃,')));
  });
});
