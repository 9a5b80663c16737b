import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { startServer, type TestServer } from '../support/server.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/review/${name}`, import.meta.url), 'utf8');
let server: TestServer;
before(async () => {
  server = await startServer({ seed: true });
});
after(() => server.close());

const post = (body: unknown) =>
  fetch(`${server.url}/api/highlight`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('POST /api/highlight with JSON text answers matches and summary with offsets into the text', async () => {
  const text = fixture('000-excerpt.txt');
  const res = await post({ text });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(Object.keys(body).sort(), ['matches', 'summary']);
  const pristina = body.matches.filter((m: any) => m.conceptId === 'tb-pristina');
  assert.ok(pristina.length >= 3);
  for (const m of body.matches) assert.equal(text.slice(m.start, m.end), m.text);
  assert.ok(
    pristina.some((m: any) => m.text.includes('\n')),
    'a name broken across lines is reported with its line break',
  );
  assert.equal(body.summary.locale, 'zh-CN');
});

test('POST /api/highlight honours locale and format, and can return the rendering', async () => {
  const res = await fetch(`${server.url}/api/highlight?render=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: '<p onclick="x()">科索夫</p><script>alert(1)</script>', format: 'html', locale: 'zh-CN' }),
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.matches[0].issues[0].type, 'not-preferred-for-locale');
  assert.equal(body.matches[0].issues[0].suggestion, '科索沃');
  assert.ok(body.html.includes('<mark '));
  assert.ok(!/script|onclick/.test(body.html.replace(/<mark [^>]*>/g, '')));
});

test('POST /api/highlight accepts a multipart upload and detects HTML by content', async () => {
  const form = new FormData();
  form.append('file', new Blob([fixture('003-excerpt.html')], { type: 'text/plain' }), 'article');
  form.append('locale', 'zh-CN');
  const res = await fetch(`${server.url}/api/highlight`, { method: 'POST', body: form });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.summary.format, 'html');
  assert.ok(body.matches.some((m: any) => m.conceptId === 'tb-putin'));
});

const BAD: [string, () => Promise<Response>, number, string][] = [
  [
    'a binary upload',
    () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0, 1, 2])]), 'x.pdf');
      return fetch(`${server.url}/api/highlight`, { method: 'POST', body: form });
    },
    415,
    'binary-file',
  ],
  [
    'an upload over 10 MB',
    () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(10 * 1024 * 1024 + 10).fill(0x41)]), 'big.txt');
      return fetch(`${server.url}/api/highlight`, { method: 'POST', body: form });
    },
    413,
    'payload-too-large',
  ],
  ['text with NUL characters', () => post({ text: 'a\u0000b' }), 415, 'binary-file'],
  ['an unknown locale', () => post({ text: '科索沃', locale: 'fr-FR' }), 400, 'invalid-input'],
  ['an unknown format', () => post({ text: '科索沃', format: 'pdf' }), 400, 'invalid-input'],
  ['text that is not a string', () => post({ text: 42 }), 400, 'invalid-input'],
];

for (const [name, send, status, code] of BAD) {
  test(`POST /api/highlight refuses ${name} with ${status} ${code}`, async () => {
    const res = await send();
    assert.equal(res.status, status);
    const body = await res.json();
    assert.equal(body.error.code, code);
  });
}

test('GET /review shows the form; a plain form POST (no JavaScript) renders the marked document and the side list', async () => {
  const page = await fetch(`${server.url}/review`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<form id="review-form" method="post" action="\/review"/);
  const form = new FormData();
  form.append('text', '普里什\n蒂纳和科索夫。<script>alert(1)</script>');
  form.append('locale', 'zh-CN');
  form.append('format', 'text');
  const res = await fetch(`${server.url}/review`, { method: 'POST', body: form });
  assert.equal(res.status, 200);
  const out = await res.text();
  assert.match(
    out,
    /<mark [^>]*data-english="Pristina"[^>]*>普里什\r?\n蒂纳<\/mark>/,
    'form posts send CR LF line breaks; the name still matches',
  );
  assert.match(out, /class="[^"]*tb-issue-not-preferred-for-locale[^"]*"/);
  assert.match(out, /<a href="\/concepts\/\d+">Kosovo<\/a>/);
  assert.ok(!out.includes('<script>alert(1)'), 'the pasted script is escaped');
});

test('POST /api/highlight?export=csv|json answers the report as a download; another format is a 400', async () => {
  const text = '科索夫的代表\n和普京';
  const csv = await fetch(`${server.url}/api/highlight?export=csv`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, locale: 'zh-CN' }),
  });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="?document-review\.csv"?/);
  const lines = (await csv.text())
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n');
  assert.equal(lines[0], 'name,concept,conceptId,issue,suggestion,message,line,column,start,end,context');
  assert.match(lines[1]!, /^科索夫,Kosovo,cldr-territory-XK,not-preferred-for-locale,科索沃,/);
  assert.match(lines[2]!, /^普京,Putin,tb-putin,,,,2,2,8,10,/);

  const json = await fetch(`${server.url}/api/highlight?export=json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
  const report = await json.json();
  assert.deepEqual(Object.keys(report.rows[0]).sort(), [
    'concept',
    'conceptId',
    'context',
    'issue',
    'message',
    'name',
    'position',
    'suggestion',
  ]);
  assert.deepEqual(report.rows[1].position, { start: 8, end: 10, line: 2, column: 2 });

  for (const qs of ['export=xml', 'export=csv&export=json']) {
    const bad = await fetch(`${server.url}/api/highlight?${qs}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    assert.equal(bad.status, 400, qs);
    assert.equal((await bad.json()).error.code, 'invalid-input');
  }
});

test('the review page has report buttons: they post the reviewed document again and download the report', async () => {
  const form = new FormData();
  form.append('file', new Blob(['科索夫和普里什蒂纳']), 'letter.txt');
  form.append('locale', 'zh-CN');
  const page = await (await fetch(`${server.url}/review`, { method: 'POST', body: form })).text();
  const exportForm = page.slice(page.indexOf('<form method="post" action="/review" enctype="multipart/form-data" class="review-export">'));
  assert.match(exportForm, /<textarea name="text" hidden[^>]*>科索夫和普里什蒂纳<\/textarea>/, 'the uploaded text is in the export form');
  assert.match(exportForm, /<button type="submit" name="export" value="csv">/);
  assert.match(exportForm, /<button type="submit" name="export" value="json">/);
  // what the button sends
  const again = new FormData();
  again.append('text', '科索夫和普里什蒂纳');
  again.append('locale', 'zh-CN');
  again.append('format', 'text');
  again.append('export', 'csv');
  const res = await fetch(`${server.url}/review`, { method: 'POST', body: again });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition') ?? '', /attachment/);
  assert.match(await res.text(), /科索夫,Kosovo,cldr-territory-XK,not-preferred-for-locale,科索沃/);
});

test('POST /review with a binary file shows the error on the page with a 4xx status', async () => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0])]), 'doc.docx');
  const res = await fetch(`${server.url}/review`, { method: 'POST', body: form });
  assert.equal(res.status, 415);
  assert.match(await res.text(), /role="alert">The file looks like a ZIP archive/);
});

const run = promisify(execFile);
const BIN = new URL('../../server/bin.js', import.meta.url).pathname;
async function termbridge(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    return { code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string };
  }
}

test('termbridge highlight FILE --json prints the PRODUCT.md shape; bad files are one-line errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-hl-'));
  const db = join(dir, 'g.sqlite');
  assert.equal((await termbridge(['seed', '--db', db])).code, 0);
  const file = join(dir, '002.txt');
  const text = fixture('002-excerpt.txt');
  writeFileSync(file, text);
  const r = await termbridge(['highlight', file, '--db', db, '--locale', 'zh-CN', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout);
  const kosovo = body.matches.filter((m: any) => m.conceptId === 'cldr-territory-XK');
  assert.ok(kosovo.length > 5);
  for (const m of body.matches) assert.equal(text.slice(m.start, m.end), m.text);
  assert.equal(kosovo[0].issues[0].suggestion, '科索沃');

  const bin = join(dir, 'x.bin');
  writeFileSync(bin, Buffer.from([1, 2, 0, 0, 3]));
  const bad = await termbridge(['highlight', bin, '--db', db, '--json']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /binary/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  const missing = await termbridge(['highlight', join(dir, 'nope.txt'), '--db', db]);
  assert.equal(missing.code, 1);
  const locale = await termbridge(['highlight', file, '--db', db, '--locale', 'fr']);
  assert.equal(locale.code, 1);
});

test('termbridge review FILE --report REPORT.csv|json writes the report; another extension is a one-line error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-report-'));
  const db = join(dir, 'g.sqlite');
  assert.equal((await termbridge(['seed', '--db', db])).code, 0);
  const file = join(dir, 'doc.txt');
  writeFileSync(file, '科索夫的代表\n和普京');
  const csvPath = join(dir, 'r.csv');
  const r = await termbridge(['review', file, '--db', db, '--locale', 'zh-CN', '--report', csvPath]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(csvPath, 'utf8'), /\r\n科索夫,Kosovo,cldr-territory-XK,not-preferred-for-locale,科索沃,/);
  const jsonPath = join(dir, 'r.json');
  assert.equal((await termbridge(['review', file, '--db', db, '--report', jsonPath])).code, 0);
  assert.equal(JSON.parse(readFileSync(jsonPath, 'utf8')).rows[1].name, '普京');
  const bad = await termbridge(['review', file, '--db', db, '--report', join(dir, 'r.txt')]);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.match(bad.stderr, /\.csv or \.json/);
  const unwritable = await termbridge(['review', file, '--db', db, '--report', join(dir, 'no', 'such', 'r.csv')]);
  assert.equal(unwritable.code, 1);
  assert.equal(unwritable.stderr.trim().split('\n').length, 1);
});
