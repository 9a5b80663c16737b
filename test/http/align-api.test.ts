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

  test('a missing file is a one-line error with exit status 1', async () => {
    const r = await cli(['align', join(dir, 'nope.txt'), join(dir, 'en.txt'), '--db', dbPath]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /cannot read/);
  });
});
