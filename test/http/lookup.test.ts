import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { runCli } from '../../server/cli.ts';
import { startServer, type TestServer } from '../support/server.ts';

describe('GET /api/lookup and the lookup page', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ seed: true });
  });
  after(async () => {
    await s?.close();
  });

  test('answers in the shape PRODUCT.md gives, best first', async () => {
    const res = await fetch(`${s.url}/api/lookup?q=${encodeURIComponent('plsdn')}&limit=3`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.ok(body.results.length >= 1 && body.results.length <= 3);
    const [first] = body.results;
    assert.deepEqual(Object.keys(first).sort(), [
      'conceptId',
      'definition',
      'english',
      'id',
      'match',
      'matched',
      'score',
      'source',
      'subject',
      'terms',
      'via',
    ]);
    assert.deepEqual([first.match, first.via, first.subject], ['exact', 'initials', 'place']);
    assert.ok(first.definition && first.source, 'a definition and a source on the card');
    assert.deepEqual(body.didYouMean, []);
    assert.equal(first.conceptId, 'tb-pristina');
    assert.equal(first.english, 'Pristina');
    assert.equal(typeof first.id, 'number');
    assert.equal(first.matched, '普里什蒂纳');
    assert.ok(first.terms.some((t: any) => t.text === '普里斯汀納' && t.lang === 'zh-TW' && t.status === 'preferred'));
    for (const t of first.terms) assert.deepEqual(Object.keys(t).sort(), ['lang', 'status', 'text']);
  });

  test('an empty query is an empty answer, not an error', async () => {
    for (const q of ['', '%20%20']) {
      const res = await fetch(`${s.url}/api/lookup?q=${q}`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { results: [], didYouMean: [] });
    }
    const res = await fetch(`${s.url}/api/lookup`);
    assert.deepEqual(await res.json(), { results: [], didYouMean: [] });
  });

  const bad: [string, string][] = [
    ['a limit of zero', 'q=kosovo&limit=0'],
    ['a limit above 100', 'q=kosovo&limit=1000'],
    ['a limit that is not a number', 'q=kosovo&limit=ten'],
    ['a query of more than 200 characters', `q=${'a'.repeat(201)}`],
    ['a repeated q', 'q=a&q=b'],
  ];
  for (const [name, qs] of bad) {
    test(`${name} is refused with 400 invalid-input`, async () => {
      const res = await fetch(`${s.url}/api/lookup?${qs}`);
      assert.equal(res.status, 400);
      const body = await res.json();
      assert.equal(body.error.code, 'invalid-input');
    });
  }

  test('the index follows edits to the glossary', async () => {
    const before = await (await fetch(`${s.url}/api/lookup?q=Zyxwvut`)).json();
    assert.ok(!before.results.some((r: any) => r.english === 'Zyxwvut'));
    new ConceptRepository(s.db).create({ terms: [{ text: 'Zyxwvut', lang: 'en', status: 'preferred' }] }, { actor: 'test' });
    const after = await (await fetch(`${s.url}/api/lookup?q=Zyxwvut`)).json();
    assert.equal(after.results[0]?.english, 'Zyxwvut');
  });

  test('without JavaScript, /?q= renders the results with every term, badges and a link', async () => {
    const res = await fetch(`${s.url}/?q=${encodeURIComponent('貝爾格勒')}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    const first = html.slice(html.indexOf('class="lookup-result"'));
    assert.match(first, /data-concept-id="cldr-city-Europe-Belgrade"/);
    assert.match(first, /href="\/concepts\/\d+"/);
    for (const form of ['Belgrade', '贝尔格莱德', '貝爾格勒', '貝爾格萊德']) assert.ok(first.includes(form), form);
    assert.match(first, /badge status-preferred/);
    assert.match(html, /value="貝爾格勒"/);
    assert.doesNotMatch(html, /<script>/);
  });

  test('a misspelt name answers "did you mean" on the page, with a link that searches for it', async () => {
    const html = await (await fetch(`${s.url}/?q=Koshovo`)).text();
    assert.match(html, /Did you mean/);
    // Handlebars writes = in an attribute as &#x3D;
    assert.match(html, /<a href="\/\?q(=|&#x3D;)Kosovo" data-query="Kosovo">Kosovo<\/a>/);
    assert.match(html, /lookup-how match-fuzzy/);
  });

  test('two concepts of the same name are told apart on the page by their definitions', async () => {
    const html = await (await fetch(`${s.url}/?q=Belize`)).text();
    const cards = html.split('class="lookup-result"').slice(1);
    assert.equal(cards.length, 2);
    const definitions = cards.map((c) => /class="lookup-definition">([^<]*)</.exec(c)?.[1]);
    assert.ok(definitions.every(Boolean), 'each card shows its definition');
    assert.notEqual(definitions[0], definitions[1]);
    for (const c of cards) assert.match(c, /class="muted lookup-source">Source: /);
  });

  test('a name the glossary does not have is "no match" on the page', async () => {
    const html = await (await fetch(`${s.url}/?q=Qwertyuiop`)).text();
    assert.match(html, /No concept matches/);
    assert.doesNotMatch(html, /class="lookup-result"/);
  });

  test('query text is escaped in the page', async () => {
    const html = await (await fetch(`${s.url}/?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`)).text();
    assert.doesNotMatch(html, /<img src=x/);
  });

  test('the home page without a query is the empty lookup box', async () => {
    const html = await (await fetch(`${s.url}/`)).text();
    assert.match(html, /id="q"/);
    assert.match(html, /\/static\/js\/lookup\.js/);
    assert.doesNotMatch(html, /class="lookup-result"/);
  });
});

describe('termbridge lookup', () => {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'tb-lookup-')), 'g.sqlite');
  before(() => {
    const { db } = openDatabase(dbPath);
    seedStarterGlossary(db);
    db.close();
  });

  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const sink = (f: (s: string) => void) =>
      new Writable({
        write(chunk, _enc, cb) {
          f(String(chunk));
          cb();
        },
      });
    const code = await runCli(args, { stdout: sink((x) => (stdout += x)), stderr: sink((x) => (stderr += x)), env: {} });
    return { code, stdout, stderr };
  }

  test('--json prints the same shape as the API', async () => {
    const r = await cli(['lookup', 'pu li shi di na', '--limit', '2', '--json', '--db', dbPath]);
    assert.equal(r.code, 0, r.stderr);
    const body = JSON.parse(r.stdout);
    assert.equal(body.results.length, 2);
    assert.equal(body.results[0].conceptId, 'tb-pristina');
  });

  test('a query in several words needs no quotes', async () => {
    const r = await cli(['lookup', 'ke', 'suo', 'wo', '--json', '--db', dbPath]);
    assert.equal(JSON.parse(r.stdout).results[0].english, 'Kosovo');
  });

  test('without --json it prints one line per concept', async () => {
    const r = await cli(['lookup', 'Koshovo', '--db', dbPath]);
    assert.equal(r.code, 0);
    assert.match(r.stdout.split('\n')[0]!, /^cldr-territory-XK\tKosovo\t.*科索夫 \(zh-TW\)/);
  });

  const bad: [string, string[]][] = [
    ['no query', ['lookup']],
    ['a bad --limit', ['lookup', 'kosovo', '--limit', 'x']],
    ['an unknown option', ['lookup', 'kosovo', '--fuzzy']],
  ];
  for (const [name, args] of bad) {
    test(`${name}: one line on stderr, exit 1`, async () => {
      const r = await cli([...args, '--db', dbPath]);
      assert.equal(r.code, 1);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.equal(r.stdout, '');
    });
  }
});
