import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { ConceptRepository } from '../../db/concepts.ts';
import { startServer, type TestServer } from '../support/server.ts';

/**
 * The hostile-input suite (issue 13), over HTTP: random multipart bodies, query strings, HTML,
 * Markdown, alignment and extraction inputs. For every case: the server answers (no crash, no
 * hang — each request has a deadline), a refusal is a 4xx with {error:{code,message}}, never a
 * 500, and nothing is written (the glossary's revision does not move). Case counts are small so
 * the suite stays within a few seconds; the seed is printed by fast-check on a failure.
 */

const DEADLINE_MS = 5000;
const RUNS = 25;

let s: TestServer;
let revision: number;

before(async () => {
  s = await startServer({ seed: true, config: { anonymous: 'viewer' } });
  revision = new ConceptRepository(s.db).revision();
});
after(() => s.close());

async function send(path: string, init: RequestInit): Promise<{ status: number; body: string; type: string }> {
  const res = await fetch(s.url + path, { ...init, signal: AbortSignal.timeout(DEADLINE_MS) });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
}

/** The promise every entry point makes: a 2xx, or a 4xx that is `{error:{code,message}}` (JSON) or a page. */
function assertHandled(r: { status: number; body: string; type: string }, what: string): void {
  assert.ok(r.status < 500, `${what}: ${r.status} ${r.body.slice(0, 200)}`);
  if (r.status >= 400 && r.type.includes('json')) {
    const json = JSON.parse(r.body);
    assert.equal(typeof json.error?.code, 'string', what);
    assert.equal(typeof json.error?.message, 'string', what);
  }
}

function assertNothingWritten(): void {
  assert.equal(new ConceptRepository(s.db).revision(), revision, 'the glossary was not changed');
}

const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', '\u0000', '\ufeff', '\ud800', '科索沃', '<div>'.repeat(600), '> '.repeat(600), '\r\n--Q--\r\n'),
);

describe('hostile input over HTTP', () => {
  test('multipart bodies: random parts, truncations and boundaries never crash an upload route', async () => {
    const part = fc.record({
      name: fc.constantFrom('file', 'text', 'format', 'dryRun', 'partial', 'x"y', ''),
      filename: fc.option(fc.constantFrom('a.csv', 'a.tbx', 'a.txt', 'a.html', '', '../../etc/passwd'), { nil: undefined }),
      body: fc.oneof(
        text,
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(part, { maxLength: 4 }),
        fc.constantFrom('/api/highlight', '/review', '/api/import?dryRun=1', '/import?dryRun=1'),
        fc.nat({ max: 100 }),
        fc.constantFrom(
          'multipart/form-data; boundary=Q',
          'multipart/form-data',
          'multipart/form-data; boundary=',
          'multipart/mixed; boundary=Q',
        ),
        async (parts, path, cutPercent, type) => {
          const whole = `${parts
            .map(
              (p) =>
                `--Q\r\nContent-Disposition: form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}\r\n\r\n${p.body}\r\n`,
            )
            .join('')}--Q--\r\n`;
          const bytes = Buffer.from(whole, 'latin1');
          const body = bytes.subarray(0, Math.ceil((bytes.length * cutPercent) / 100));
          const r = await send(path, { method: 'POST', headers: { 'content-type': type, accept: 'application/json' }, body });
          assertHandled(r, `${path} ${JSON.stringify(whole.slice(0, 80))}`);
        },
      ),
      { numRuns: RUNS },
    );
    assertNothingWritten();
  });

  test('query strings: nested, repeated and odd parameters are answered with 2xx or 4xx', async () => {
    const key = fc.constantFrom(
      'q',
      'lang',
      'status',
      'limit',
      'page',
      'dryRun',
      'format',
      'user',
      'from',
      'to',
      'a[b][c]',
      '__proto__',
      'constructor[prototype]',
    );
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', '-1', '1e309', 'NaN', '[]', '%', '%ZZ', '\u0000'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(key, value), { maxLength: 6 }),
        fc.constantFrom(
          '/api/lookup',
          '/api/concepts',
          '/concepts',
          '/changes',
          '/changes.csv',
          '/api/export',
          '/api/candidates',
          '/review',
        ),
        async (pairs, path) => {
          const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          const r = await send(`${path}?${qs}`, { headers: { accept: 'application/json' } });
          assertHandled(r, `${path}?${qs}`);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    // Raw, undecodable escapes straight in the URL.
    for (const raw of ['/api/lookup?q=%', '/api/lookup?q=%E0%A4%A', '/concepts?page=%00', '/api/lookup?q[]=a&q[x]=b']) {
      assertHandled(await send(raw, { headers: { accept: 'application/json' } }), raw);
    }
    assertNothingWritten();
  });

  test('HTML and Markdown documents: random markup is reviewed or refused, never a 500', async () => {
    const tag = fc.constantFrom('div', 'p', 'a', 'script', 'style', 'table', 'td', 'svg', 'math', 'template', 'iframe', 'b');
    const markup = fc
      .array(
        fc.oneof(
          tag.map((t) => `<${t}>`),
          tag.map((t) => `</${t}>`),
          fc.constantFrom('<!--', '-->', '<![CDATA[', '<a href="javascript:x">', '&#0;', '&#x110000;', '&amp', '```', '> ', '[x](', '\n'),
          text,
        ),
        { maxLength: 40 },
      )
      .map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(markup, fc.constantFrom('html', 'md', 'text', 'auto'), async (doc, format) => {
        const r = await send('/api/highlight?render=1', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: doc, format }),
        });
        assertHandled(r, `${format} ${JSON.stringify(doc.slice(0, 80))}`);
        // Escaped text may say "javascript:"; markup must not carry it (a script tag, a link to it).
        if (r.status === 200)
          assert.doesNotMatch(JSON.parse(r.body).html ?? '', /<script|<[a-z]+[^>]*\s(href|src)\s*=\s*["']?\s*javascript:/i);
      }),
      { numRuns: RUNS },
    );
    assertNothingWritten();
  });

  test('alignment input: random pairs, corrections and shapes', async () => {
    const beads = fc.array(
      fc.record({
        zh: fc.array(fc.integer({ min: -2, max: 60 }), { maxLength: 3 }),
        en: fc.array(fc.integer({ min: -2, max: 60 }), { maxLength: 3 }),
      }),
      {
        maxLength: 5,
      },
    );
    const body = fc.oneof(
      fc.record({ zh: text, en: text }),
      fc.record({ zh: text, en: text, beads }),
      fc.record({ zh: text, en: text, format: fc.constantFrom('tmx', 'json', 'x') }),
      fc.anything({ maxDepth: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const r = await send('/api/align', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(b) ?? 'null',
        });
        assertHandled(r, JSON.stringify(b)?.slice(0, 120) ?? 'undefined');
      }),
      { numRuns: RUNS },
    );
    assertNothingWritten();
  });

  test('extraction input: random documents, pairs and flags (without storing) write nothing', async () => {
    const body = fc.oneof(
      fc.record({ text, store: fc.constant(false) }),
      fc.record({ text, en: text, store: fc.constant(false) }),
      fc.record({ text, pairs: fc.array(fc.record({ zh: text, en: text }), { maxLength: 3 }), store: fc.constant(false) }),
      fc.record({ text: fc.string({ maxLength: 20 }).map((t) => `下称${t}`.repeat(50)), store: fc.constant(false) }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const r = await send('/api/candidates/extract', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(b),
        });
        assertHandled(r, JSON.stringify(b).slice(0, 120));
      }),
      { numRuns: RUNS },
    );
    const stored = s.db.prepare('SELECT count(*) FROM candidates').pluck().get();
    assert.equal(stored, 0, 'no candidate was queued');
    assertNothingWritten();
  });

  test('bodies in the wrong encoding, truncated JSON and deep nesting are 4xx', async () => {
    const cases: [string, string | Uint8Array<ArrayBuffer>][] = [
      ['application/json', '{"text": "科索'],
      ['application/json', `${'['.repeat(5000)}${']'.repeat(5000)}`],
      ['application/json; charset=utf-16', '{"text":"a"}'],
      ['application/json', new Uint8Array([0xff, 0xfe, 0x7b, 0x00])],
      ['application/x-www-form-urlencoded', 'text=%E0%A4%A&format=html'],
      ['text/plain', 'just text'],
    ];
    for (const path of ['/api/highlight', '/api/align', '/api/candidates/extract', '/api/lookup']) {
      for (const [type, body] of cases) {
        const r = await send(path, { method: 'POST', headers: { 'content-type': type, accept: 'application/json' }, body });
        assertHandled(r, `${path} ${type}`);
      }
    }
    assertNothingWritten();
  });
});
