import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startServer, type TestServer } from '../support/server.ts';

const FIXTURES = new URL('../fixtures/candidates/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

describe('candidate API and page', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ seed: true });
  });
  after(async () => {
    await s?.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('POST /api/candidates/extract queues new names and lists known ones as already in the glossary', async () => {
    const res = await post('/api/candidates/extract', { text: fixture('000-excerpt.txt'), name: '000' });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.ok(body.documentId >= 1);
    const knownKeys = body.known.map((c: { key: string }) => c.key);
    assert.ok(knownKeys.includes('欧洲安全与合作组织'), JSON.stringify(knownKeys));
    assert.ok(!body.candidates.some((c: { key: string }) => c.key === '欧洲安全与合作组织'));
  });

  test('accept through the API creates a concept; the queue shows it as accepted', async () => {
    const extracted = await (await post('/api/candidates/extract', { text: fixture('003-excerpt.html'), name: '003' })).json();
    const c = extracted.candidates.find((x: { key: string }) => x.key === '杜加里克');
    assert.ok(c, JSON.stringify(extracted.candidates.map((x: { key: string }) => x.key)));
    const res = await post(`/api/candidates/${c.id}/accept`, {});
    assert.equal(res.status, 201);
    const { concept } = await res.json();
    const stored = await (await fetch(`${s.url}/api/concepts/${concept.id}`)).json();
    assert.deepEqual(
      stored.terms.map((t: { text: string; lang: string }) => [t.text, t.lang]),
      [
        ['杜加里克', 'zh-CN'],
        ['Stephane Dujarric', 'en'],
      ],
    );
    const list = await (await fetch(`${s.url}/api/candidates?status=accepted`)).json();
    assert.ok(list.candidates.some((x: { id: number; conceptId: number }) => x.id === c.id && x.conceptId === concept.id));
    const again = await post(`/api/candidates/${c.id}/reject`, {});
    assert.equal(again.status, 409);
  });

  test('reject through the API: the name is not proposed by the next document', async () => {
    const text = '俄罗斯安全会议秘书帕特鲁舍夫表示。塔斯社记者博尔特尼科娃（Anna Boltnikova）报道。';
    const first = await (await post('/api/candidates/extract', { text, name: 'a' })).json();
    const c = first.candidates.find((x: { key: string }) => x.key === '博尔特尼科娃');
    assert.ok(c, JSON.stringify(first.candidates.map((x: { key: string }) => x.key)));
    assert.equal((await post(`/api/candidates/${c.id}/reject`, {})).status, 200);
    const second = await (await post('/api/candidates/extract', { text, name: 'b' })).json();
    assert.ok(!second.candidates.some((x: { key: string }) => x.key === '博尔特尼科娃'));
  });

  test('a new form of a known concept is proposed for it, and merge by one of its terms adds the form', async () => {
    const text = '俄外长谢尔盖·维克托罗维奇·拉夫罗夫（Sergey Lavrov）表示反对。';
    const body = await (await post('/api/candidates/extract', { text, name: 'm' })).json();
    const c = body.candidates.find((x: { key: string }) => x.key === '谢尔盖·维克托罗维奇·拉夫罗夫');
    assert.ok(c, JSON.stringify(body.candidates.map((x: { key: string }) => x.key)));
    assert.ok(c.known, 'Sergey Lavrov is in the starter glossary: the candidate names that concept');
    const res = await post(`/api/candidates/${c.id}/merge`, { lookup: '拉夫罗夫' });
    assert.equal(res.status, 200);
    const { concept, candidate } = await res.json();
    assert.equal(concept.id, c.known.conceptId);
    assert.equal(candidate.status, 'merged');
    assert.ok(
      concept.terms.some((t: { text: string; status: string }) => t.text === '谢尔盖·维克托罗维奇·拉夫罗夫' && t.status === 'admitted'),
    );
  });

  const bad: [string, string, unknown, number, string][] = [
    ['an empty document', '/api/candidates/extract', { text: '   ' }, 400, 'invalid-input'],
    ['a document that is not a string', '/api/candidates/extract', { text: 42 }, 400, 'invalid-input'],
    ['a merge without a target', '/api/candidates/1/merge', {}, 400, 'invalid-input'],
    ['a form with a bad language tag', '/api/candidates/1/accept', { forms: [{ text: 'x', lang: 'not a tag!' }] }, 400, 'invalid-input'],
    ['an unknown candidate', '/api/candidates/999999/accept', {}, 404, 'candidate-not-found'],
    ['a candidate id that is not a number', '/api/candidates/abc/reject', {}, 400, 'invalid-input'],
  ];
  for (const [name, path, body, status, code] of bad) {
    test(`bad input is a ${status} with a code, not a 500: ${name}`, async () => {
      const res = await post(path, body);
      assert.equal(res.status, status);
      assert.equal((await res.json()).error.code, code);
    });
  }

  test('the /candidates page lists the queue with decision forms that carry the CSRF field', async () => {
    const res = await fetch(`${s.url}/candidates`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<form method="post" action="\/candidates"/);
    assert.match(html, /name="_csrf"/);
    assert.match(html, /\/static\/js\/candidates\.js/);
    assert.doesNotMatch(html, /<script>(?!<\/script>)|onclick=|style="/);
  });

  test('the page forms edit, then accept with the edited forms; a decided candidate leaves the pending list', async () => {
    const text = '乌克兰外长德米特罗·库列巴（Dmytro Kuleba）与土耳其外长梅夫吕特·恰武什奥卢（Mevlut Cavusoglu）会晤。';
    const body = await (await post('/api/candidates/extract', { text, name: 'forms' })).json();
    const c = body.candidates.find((x: { key: string }) => x.key.startsWith('梅夫吕特'));
    assert.ok(c, JSON.stringify(body.candidates.map((x: { key: string }) => x.key)));
    const edited = new URLSearchParams({
      'forms[0][text]': '梅夫吕特·恰武什奥卢',
      'forms[0][lang]': 'zh-CN',
      'forms[0][type]': 'fullForm',
      'forms[0][verified]': '1',
      'forms[0][include]': '1',
      'forms[1][text]': 'Mevlüt Çavuşoğlu',
      'forms[1][lang]': 'en',
      'forms[1][type]': 'fullForm',
      'forms[1][verified]': '1',
      'forms[1][include]': '1',
      'forms[2][text]': '梅夫呂特·恰武什奧盧',
      'forms[2][lang]': 'zh-TW',
      'forms[2][verified]': '0',
      subject: 'person',
    });
    const edit = await fetch(`${s.url}/candidates/${c.id}/edit`, { method: 'POST', body: edited, redirect: 'manual' });
    assert.equal(edit.status, 303);
    const saved = await (await fetch(`${s.url}/api/candidates/${c.id}`)).json();
    assert.deepEqual(
      saved.forms.map((f: { text: string }) => f.text),
      ['梅夫吕特·恰武什奥卢', 'Mevlüt Çavuşoğlu'],
      'the unticked guess is dropped',
    );
    const accept = await fetch(`${s.url}/candidates/${c.id}/accept`, { method: 'POST', body: edited, redirect: 'manual' });
    assert.equal(accept.status, 303);
    assert.match(accept.headers.get('location') ?? '', /done=accepted&concept=\d+/);
    const pending = await (await fetch(`${s.url}/api/candidates?status=pending`)).json();
    assert.ok(!pending.candidates.some((x: { id: number }) => x.id === c.id));
    const page = await (await fetch(`${s.url}/candidates/${c.id}/reject`, { method: 'POST', body: new URLSearchParams({}) })).text();
    assert.match(page, /already accepted/, 'deciding twice shows the reason on the page');
  });

  test('submitting a document on the page renders its candidates at once', async () => {
    const form = new URLSearchParams({ name: 'page doc', text: '他会见了北大西洋公约组织（北约）和<b>东南亚国家联盟（东盟）</b>的代表。' });
    const res = await fetch(`${s.url}/candidates`, { method: 'POST', body: form });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /东南亚国家联盟/);
    assert.match(html, /Already in the glossary/);
    assert.doesNotMatch(html, /<b>东南亚/, 'document markup is escaped, never rendered');
  });
});

describe('termbridge extract', () => {
  const run = promisify(execFile);
  const BIN = new URL('../../server/bin.js', import.meta.url).pathname;
  const termbridge = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args]);
      return { code: 0, stdout, stderr };
    } catch (e: any) {
      return { code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string };
    }
  };

  test('FILE --json prints candidates with evidence on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-extract-'));
    const db = join(dir, 'db.sqlite');
    const file = join(dir, '003.html');
    writeFileSync(file, fixture('003-excerpt.html'));
    const r = await termbridge(['extract', file, '--db', db, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const c = out.candidates.find((x: { key: string }) => x.key === '杜加里克');
    assert.ok(c);
    assert.ok(c.forms.some((f: { text: string }) => f.text === 'Stephane Dujarric'));
    assert.match(c.evidence[0].sentence, /杜加里克（Stephane Dujarric）/);
    assert.equal(out.documentId, null, 'not queued without --store');
  });

  test('a missing file is a one-line error and exit status 1', async () => {
    const r = await termbridge(['extract', '/nonexistent/file.txt', '--db', ':memory:']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});
