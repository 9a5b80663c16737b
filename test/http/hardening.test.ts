import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from '../support/server.ts';

describe('security headers', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('pages carry a strict Content-Security-Policy: our own scripts and styles only, no framing, no plugins', async () => {
    const res = await fetch(`${s.url}/concepts`);
    const csp = Object.fromEntries(
      res.headers
        .get('content-security-policy')!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(' ')]),
    );
    assert.equal(csp['default-src'], "'self'");
    assert.equal(csp['script-src'], "'self'");
    assert.equal(csp['style-src'], "'self'");
    assert.equal(csp['object-src'], "'none'");
    assert.equal(csp['frame-ancestors'], "'none'");
    assert.equal(csp['base-uri'], "'none'");
    assert.equal(csp['form-action'], "'self'");
    for (const value of Object.values(csp)) assert.doesNotMatch(value as string, /unsafe-inline|unsafe-eval|\*/);
  });

  test('the usual hardening headers are set and the framework is not announced', async () => {
    for (const path of ['/', '/api/concepts', '/static/app.css', '/no-such-page']) {
      const res = await fetch(s.url + path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(res.headers.get('referrer-policy'), 'same-origin', path);
      assert.equal(res.headers.get('x-powered-by'), null, path);
    }
  });
});

describe('limits', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ config: { maxBodyBytes: 4096, apiRateLimitPerMinute: 5 } });
  });
  after(() => s.close());

  test('a request body over the limit is refused with 413, as JSON or as a form', async () => {
    const big = 'x'.repeat(10_000);
    const json = await fetch(`${s.url}/healthz`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ big }),
    });
    assert.equal(json.status, 413);
    const form = await fetch(`${s.url}/concepts`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: `note=${big}`,
    });
    assert.equal(form.status, 413);
    assert.equal((await form.json()).error.code, 'payload-too-large');
  });

  test('the API answers 429 after the per-minute budget; pages are not counted', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await fetch(`${s.url}/api/concepts`)).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
    const limited = await fetch(`${s.url}/api/concepts`);
    assert.equal((await limited.json()).error.code, 'rate-limited');
    assert.ok(limited.headers.get('ratelimit-policy') || limited.headers.get('ratelimit'), 'standard RateLimit headers');
    assert.equal((await fetch(`${s.url}/concepts`)).status, 200);
  });
});

describe('uploads are judged by their content, not their name', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  const uploads: [string, Uint8Array, string][] = [
    ['a PDF named glossary.csv', Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj'), 'glossary.csv'],
    ['a zip named glossary.tbx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0]), 'glossary.tbx'],
    ['random bytes named terms.csv', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256)), 'terms.csv'],
  ];
  for (const [what, bytes, name] of uploads) {
    test(`importing ${what} is refused with 415 and imports nothing`, async () => {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(bytes)]), name);
      const res = await fetch(`${s.url}/api/import`, { method: 'POST', body: form });
      assert.equal(res.status, 415);
      assert.equal((await res.json()).error.code, 'unsupported-media-type');
      assert.equal((await (await fetch(`${s.url}/healthz`)).json()).concepts, 0);
    });
  }
});

/**
 * The views are the last line against script injection: escaped output only, and nothing
 * the Content-Security-Policy would block (inline scripts, handlers, styles, javascript: URLs).
 */
describe('templates', () => {
  const root = new URL('../../views/', import.meta.url).pathname;
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : [],
    );
  const files = walk(root).map((f) => ({ name: relative(root, f), text: readFileSync(f, 'utf8') }));

  const rules: [string, RegExp, (name: string, match: string) => boolean][] = [
    // The layout's {{{body}}}-style output is the rendered page itself, built by the view engine.
    ['unescaped {{{ }}} output', /\{\{\{[^}]*\}\}\}|\{\{&/g, () => false],
    ['an inline event handler', /<[^>]+\son[a-z]+\s*=/gi, () => false],
    ['an inline <script> block', /<script(?![^>]*\ssrc=)[^>]*>/gi, () => false],
    ['a style="" attribute', /<[^>]+\sstyle\s*=/gi, () => false],
    ['a <style> block', /<style[\s>]/gi, () => false],
    ['a javascript: URL', /javascript:/gi, () => false],
  ];
  for (const [what, pattern, allowed] of rules) {
    test(`no view has ${what}`, () => {
      const found = files.flatMap((f) =>
        [...f.text.matchAll(pattern)].filter((m) => !allowed(f.name, m[0])).map((m) => `${f.name}: ${m[0]}`),
      );
      assert.deepEqual(found, []);
    });
  }
});
