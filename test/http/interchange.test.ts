import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConceptRepository } from '../../db/concepts.ts';
import { startServer, type TestServer } from '../support/server.ts';

const TBX =
  '<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca"><tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body>' +
  '<conceptEntry id="k1"><langSec xml:lang="en"><termSec><term>Kosovo</term></termSec></langSec><langSec xml:lang="zh-CN"><termSec><term>科索沃</term></termSec></langSec></conceptEntry>' +
  '</body></text></tbx>';

function upload(s: TestServer, path: string, content: string, name: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([content]), name);
  // A same-origin browser upload: the Origin header vouches for it (CSRF).
  return fetch(`${s.url}${path}`, { method: 'POST', body: form, headers: { origin: s.url } });
}

describe('import and export over HTTP', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('POST /api/import?dryRun=1 reports without writing; a real import writes', async () => {
    const dry = await upload(s, '/api/import?dryRun=1', TBX, 'g.tbx');
    assert.equal(dry.status, 200);
    const report = await dry.json();
    assert.deepEqual([report.created, report.dryRun, report.format.format], [1, true, 'tbx-v3']);
    assert.equal(new ConceptRepository(s.db).count(), 0);
    const real = await upload(s, '/api/import', TBX, 'g.tbx', { partial: 'false' });
    assert.equal((await real.json()).created, 1);
    assert.equal(new ConceptRepository(s.db).getByExternalId('k1')?.terms.length, 2);
  });

  test('a dry-run URL cannot be turned into a write by a form field', async () => {
    const before = new ConceptRepository(s.db).revision();
    const res = await upload(s, '/api/import?dryRun=1', TBX.replace('k1', 'k2').replace('Kosovo', 'Kosova'), 'g.tbx', { dryRun: 'false' });
    assert.equal((await res.json()).dryRun, true);
    assert.equal(new ConceptRepository(s.db).revision(), before);
  });

  test('a malformed file is a 400 naming line and column, and nothing is written', async () => {
    const before = new ConceptRepository(s.db).revision();
    const res = await upload(s, '/api/import', '<martif><text><body><termEntry>\n<langSet xml:lang="en"></tig>', 'bad.tbx');
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.match(body.error.message, /line 2, column \d+/);
    assert.equal(new ConceptRepository(s.db).revision(), before);
  });

  test('an upload over the cap is refused with 413 and nothing is written', async () => {
    const before = new ConceptRepository(s.db).revision();
    process.env.TERMBRIDGE_MAX_IMPORT_BYTES = String(1024 * 1024);
    const big = `en,fr\n${'Peace,Paix\n'.repeat(200_000)}`;
    const res = await upload(s, '/api/import', big, 'big.csv').finally(() => {
      delete process.env.TERMBRIDGE_MAX_IMPORT_BYTES;
    });
    assert.equal(res.status, 413);
    assert.equal((await res.json()).error.code, 'payload-too-large');
    assert.equal(new ConceptRepository(s.db).revision(), before);
  });

  test('the async import reports progress and then the report', async () => {
    const res = await upload(s, '/api/import?async=1', 'en,zh-TW\nKosovo,科索夫\n', 'g.csv');
    assert.equal(res.status, 202);
    const { job } = await res.json();
    let state: { report?: { updated: number } } = {};
    for (let i = 0; i < 50 && !state.report; i++) {
      await new Promise((r) => setTimeout(r, 20));
      state = await (await fetch(`${s.url}/api/import/${job}`)).json();
    }
    assert.equal(state.report?.updated, 1, 'matched Kosovo by its English term');
  });

  test('GET /api/export streams TBX, TBX 2008 and CSV with filters', async () => {
    const tbx = await fetch(`${s.url}/api/export?format=tbx&lang=zh-TW`);
    assert.equal(tbx.status, 200);
    const text = await tbx.text();
    assert.match(text, /<langSec xml:lang="zh-TW">/);
    assert.doesNotMatch(text, /<langSec xml:lang="en">/);
    const old = await (await fetch(`${s.url}/api/export?format=tbx2008`)).text();
    assert.match(old, /<martif type="TBX-Basic"/);
    const csv = await fetch(`${s.url}/api/export?format=csv`);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
    const bad = await fetch(`${s.url}/api/export?format=docx`);
    assert.equal(bad.status, 400);
    const badLang = await fetch(`${s.url}/api/export?lang=not%20a%20tag`);
    assert.equal(badLang.status, 400);
    assert.equal((await badLang.json()).error.code, 'invalid-language-tag');
  });

  test('the import and export pages render', async () => {
    const imp = await fetch(`${s.url}/import`);
    assert.equal(imp.status, 200);
    assert.match(await imp.text(), /id="import-form"/);
    const exp = await fetch(`${s.url}/export`);
    assert.match(await exp.text(), /name="lang" value="zh-TW"/);
  });

  test('the import form without script shows the report as a page', async () => {
    const res = await upload(s, '/import', 'en,fr\nPeace,Paix\n', 'g.csv', { _csrf: '' });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /id="import-created">1</);
  });
});
