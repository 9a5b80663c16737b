import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../db/connection.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { runCli } from '../../server/cli.ts';
import { startServer, type TestServer } from '../support/server.ts';

const ZH = ['秘书长特别代表访问了普里什蒂纳。', '他随后前往贝尔格莱德，会见了塞尔维亚官员。', '科索沃的局势依然平静。'].join('\n');
const EN = [
  'The Special Representative of the Secretary-General visited Pristina.',
  'He then travelled to Sofia to meet officials of Serbia.',
  'The situation remained calm.',
].join('\n');

describe('POST /api/align', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ seed: true });
  });
  after(async () => s?.close());

  const post = (body: unknown) =>
    fetch(`${s.url}/api/align`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('answers pairs, sentences and issues in the shape PRODUCT.md gives', async () => {
    const res = await post({ zh: ZH, en: EN });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.sentences.zh.length, 3);
    assert.equal(body.sentences.en.length, 3);
    for (const p of body.pairs) {
      assert.ok(Array.isArray(p.zh) && Array.isArray(p.en) && typeof p.score === 'number' && Array.isArray(p.issues));
    }
    assert.deepEqual(
      body.pairs.flatMap((p: any) => p.issues.map((i: any) => i.type)),
      ['wrong', 'missing'],
    );
  });

  test('with corrected beads it re-runs QA only; beads that do not cover the sentences are a 400', async () => {
    const fixed = await post({
      zh: ZH,
      en: EN,
      beads: [
        { zh: [0, 1], en: [0, 1] },
        { zh: [2], en: [2] },
      ],
    });
    assert.equal(fixed.status, 200);
    assert.equal((await fixed.json()).pairs.length, 2);
    const bad = await post({ zh: ZH, en: EN, beads: [{ zh: [0], en: [0] }] });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, 'invalid-beads');
  });

  test('format "tmx" answers a TMX 1.4 file of the pairs', async () => {
    const res = await post({ zh: ZH, en: EN, format: 'tmx' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /tmx/);
    const tmx = await res.text();
    assert.match(tmx, /<tmx version="1\.4">/);
    assert.equal(tmx.match(/<tu /g)?.length, 3);
  });

  test('pre-split sentences are used as given: the pairs index the arrays, blank lines included', async () => {
    const res = await post({
      zhSentences: ['秘书长特别代表访问了普里什蒂纳。他随后前往贝尔格莱德。', '', '科索沃的局势依然平静。'],
      enSentences: ['The Special Representative visited Pristina. He then went to Belgrade.', 'The situation in Kosovo remained calm.'],
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.sentences.zh.length, 3, 'the first sentence is not cut in two, the blank line stays');
    assert.equal(body.sentences.en.length, 2);
    assert.deepEqual(
      body.pairs.flatMap((p: any) => p.zh),
      [0, 1, 2],
    );
    assert.deepEqual(body.pairs[0].en, [0]);
  });

  test('a text and a sentence list on one side, or neither, is a 400', async () => {
    for (const body of [{ zh: ZH, zhSentences: ['甲。'], en: EN }, { enSentences: ['A.'] }, { zhSentences: 'not a list', en: EN }]) {
      const res = await post(body);
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error.code, 'invalid-input');
    }
  });

  test('20,001 pre-split sentences or one of 10 MB are refused with a clear 4xx', async () => {
    const many = await post({ zhSentences: Array.from({ length: 20_001 }, () => '甲。'), en: EN });
    assert.equal(many.status, 400);
    assert.match((await many.json()).error.message, /20000/);
    const huge = await post({ zhSentences: ['甲'.repeat(200_000)], en: EN });
    assert.equal(huge.status, 400);
    assert.match((await huge.json()).error.message, /at most 100000 characters/);
  });

  test('the TMX says zh-TW for a Traditional Chinese text, and the caller may set both tags', async () => {
    const zhTw = '秘書長特別代表訪問了普里什蒂納。\n他隨後前往貝爾格萊德，會見了塞爾維亞官員。\n科索沃的局勢依然平靜。';
    const tmx = await (await post({ zh: zhTw, en: EN, format: 'tmx' })).text();
    assert.match(tmx, /srclang="zh-TW"/);
    assert.match(tmx, /<tuv xml:lang="zh-TW">/);
    const set = await (await post({ zh: zhTw, en: EN, format: 'tmx', srclang: 'zh-HK', targetlang: 'en-GB' })).text();
    assert.match(set, /srclang="zh-HK"/);
    assert.match(set, /<tuv xml:lang="en-GB">/);
    const bad = await post({ zh: zhTw, en: EN, format: 'tmx', srclang: 'not a tag!' });
    assert.equal(bad.status, 400);
  });

  const badInputs: [string, unknown][] = [
    ['an empty Chinese text', { zh: '  ', en: EN }],
    ['a missing English text', { zh: ZH }],
    ['a text that is not a string', { zh: 5, en: EN }],
    ['a bead index that is not a number', { zh: ZH, en: EN, beads: [{ zh: ['x'], en: [0] }] }],
  ];
  for (const [name, body] of badInputs) {
    test(`${name} is a 400 with an error code, not a 500`, async () => {
      const res = await post(body);
      assert.equal(res.status, 400);
      assert.equal((await res.json()).error.code, 'invalid-input');
    });
  }

  test('the page renders the alignment without JavaScript when the form is posted', async () => {
    const res = await fetch(`${s.url}/align`, { method: 'POST', body: new URLSearchParams({ zh: ZH, en: EN }) });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /issue-wrong/);
    assert.match(html, /issue-missing/);
    assert.match(
      html,
      /<mark class="term status-preferred flagged" data-concept="\d+" title="Belgrade — English: Belgrade">贝尔格莱德<\/mark>/,
    );
    assert.doesNotMatch(html, /<script>/);
    // The dot plot is drawn on the server too: one linked mark per pair, each row its target.
    const rows = [...html.matchAll(/<tr id="pair-(\d+)" class="pair/g)].map((m) => m[1]);
    const dots = [...html.matchAll(/<a href="#pair-(\d+)"><title>[^<]+<\/title><use class="plot-dot (sure|doubtful)"/g)].map((m) => m[1]);
    assert.ok(rows.length > 0);
    assert.deepEqual(dots, rows);
  });

  test('text that looks like markup is shown as text on the page, never run', async () => {
    const res = await fetch(`${s.url}/align`, {
      method: 'POST',
      body: new URLSearchParams({ zh: '<script>alert(1)</script>科索沃。', en: '<img src=x onerror=alert(1)> Kosovo.' }),
    });
    const html = await res.text();
    assert.doesNotMatch(html, /<script>alert|<img src=x/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
});

describe('termbridge align', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-align-'));
  const dbPath = join(dir, 'db.sqlite');
  before(() => {
    const { db } = openDatabase(dbPath);
    seedStarterGlossary(db);
    db.close();
    writeFileSync(join(dir, 'zh.txt'), `\uFEFF${ZH}`);
    writeFileSync(join(dir, 'en.txt'), EN);
  });

  const cli = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: {
        write: (s: string) => {
          stdout += s;
          return true;
        },
      } as unknown as NodeJS.WritableStream,
      stderr: {
        write: (s: string) => {
          stderr += s;
          return true;
        },
      } as unknown as NodeJS.WritableStream,
      env: {},
    };
    const code = await runCli(args, io);
    return { code, stdout, stderr };
  };

  test('--json prints the alignment with its issues, --tmx writes the TMX file', async () => {
    const tmx = join(dir, 'out.tmx');
    const r = await cli(['align', join(dir, 'zh.txt'), join(dir, 'en.txt'), '--db', dbPath, '--json', '--tmx', tmx]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.sentences.zh[0], '秘书长特别代表访问了普里什蒂纳。', 'the byte-order mark is not part of the text');
    assert.deepEqual(
      out.pairs.flatMap((p: any) => p.issues.map((i: any) => i.type)),
      ['wrong', 'missing'],
    );
    assert.match(readFileSync(tmx, 'utf8'), /<tuv xml:lang="zh-CN"><seg>秘书长特别代表访问了普里什蒂纳。<\/seg><\/tuv>/);
  });

  test('--sentences takes each line as one sentence; --json and --beads index the lines (0-based)', async () => {
    writeFileSync(join(dir, 'zh-lines.txt'), '秘书长特别代表访问了普里什蒂纳。他随后前往贝尔格莱德。\n科索沃的局势依然平静。\n');
    writeFileSync(
      join(dir, 'en-lines.txt'),
      'The Special Representative visited Pristina.\nHe then went to Belgrade.\nThe situation in Kosovo remained calm.\n',
    );
    const beads = join(dir, 'out.beads');
    const r = await cli([
      'align',
      join(dir, 'zh-lines.txt'),
      join(dir, 'en-lines.txt'),
      '--sentences',
      '--db',
      dbPath,
      '--json',
      '--beads',
      beads,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.sentences.zh.length, 2, 'a line with two sentences stays one');
    assert.equal(out.sentences.en.length, 3, 'the final line break adds no empty sentence');
    assert.deepEqual(
      out.pairs.map((p: any) => [p.zh, p.en]),
      [
        [[0], [0, 1]],
        [[1], [2]],
      ],
    );
    assert.equal(readFileSync(beads, 'utf8'), '[0]:[0,1]\n[1]:[2]\n');
  });

  test('the English file may come first: the Chinese side is told by its script, beads keep the file order', async () => {
    const beads = join(dir, 'swapped.beads');
    const tmx = join(dir, 'swapped.tmx');
    const r = await cli([
      'align',
      join(dir, 'en-lines.txt'),
      join(dir, 'zh-lines.txt'),
      '--sentences',
      '--db',
      dbPath,
      '--json',
      '--beads',
      beads,
      '--tmx',
      tmx,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.match(out.sentences.zh[0], /^秘书长/);
    assert.equal(readFileSync(beads, 'utf8'), '[0,1]:[0]\n[2]:[1]\n');
    assert.match(readFileSync(tmx, 'utf8'), /srclang="en"/, 'the first file is the TMX source');
  });

  test('--srclang sets the TMX source language; a Traditional text defaults to zh-TW', async () => {
    writeFileSync(
      join(dir, 'zh-tw.txt'),
      '秘書長特別代表訪問了普里什蒂納。\n他隨後前往貝爾格萊德，會見了塞爾維亞官員。\n科索沃的局勢依然平靜。\n',
    );
    const tmx = join(dir, 'tw.tmx');
    assert.equal((await cli(['align', join(dir, 'zh-tw.txt'), join(dir, 'en.txt'), '--db', dbPath, '--tmx', tmx])).code, 0);
    assert.match(readFileSync(tmx, 'utf8'), /srclang="zh-TW"/);
    assert.equal(
      (await cli(['align', join(dir, 'zh-tw.txt'), join(dir, 'en.txt'), '--db', dbPath, '--tmx', tmx, '--srclang', 'zh-HK'])).code,
      0,
    );
    assert.match(readFileSync(tmx, 'utf8'), /<tuv xml:lang="zh-HK">/);
    const bad = await cli(['align', join(dir, 'zh-tw.txt'), join(dir, 'en.txt'), '--db', dbPath, '--srclang', 'zh TW']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /not a language tag/);
  });

  const refusals: [string, () => Buffer | string, RegExp][] = [
    ['an empty file', () => '  \n\n', /empty/],
    ['a binary file', () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /looks like|binary/],
    ['a file that is not UTF-8', () => Buffer.from([0x41, 0xff, 0xfe, 0x41, 0xc3, 0x28, 0x0a]), /not valid UTF-8/],
    ['20,001 lines with --sentences', () => '甲。\n'.repeat(20_001), /20001 sentences; at most 20000/],
    ['a line of 10 MB', () => `${'a'.repeat(10_000_000)}\n`, /at most 100000/],
  ];
  for (const [name, make, message] of refusals) {
    test(`${name} is a one-line error with exit status 1`, async () => {
      const path = join(dir, 'bad.txt');
      writeFileSync(path, make());
      const r = await cli(['align', path, join(dir, 'en.txt'), '--sentences', '--db', dbPath]);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
    });
  }

  test('a missing file is a one-line error with exit status 1', async () => {
    const r = await cli(['align', join(dir, 'nope.txt'), join(dir, 'en.txt'), '--db', dbPath]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /cannot read/);
  });
});
