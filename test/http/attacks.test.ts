import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, Client } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';

/**
 * Regression tests for the attacks of issue 13 (server side): each sends the input that once
 * stopped, slowed or leaked from the service, and asserts the fix.
 */

const truncated = (name = 'file', filename = 'a.csv') =>
  `--Q\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\n\r\nabc`;

async function post(url: string, body: string | Uint8Array<ArrayBuffer>, type: string, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'content-type': type, accept: 'application/json', ...headers }, body });
}

async function expectError(res: Response, status: number, code?: string) {
  assert.equal(res.status, status, `status ${res.status}`);
  const body = await res.json();
  assert.equal(typeof body.error?.code, 'string');
  assert.equal(typeof body.error?.message, 'string');
  if (code) assert.equal(body.error.code, code);
  return body as { error: { code: string; message: string } };
}

describe('a truncated or garbled multipart body is a 400, never the end of the process', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ seed: true, config: { anonymous: 'viewer' } });
  });
  after(() => s.close());

  for (const path of ['/api/highlight', '/review', '/api/import?dryRun=1', '/import?dryRun=1']) {
    test(`${path}: a body that ends inside the file part`, async () => {
      const res = await post(s.url + path, truncated(), 'multipart/form-data; boundary=Q');
      if (path.startsWith('/api/')) await expectError(res, 400);
      else assert.equal(res.status, 400, 'the page answers with its form and the error');
      // Still alive, still answering.
      assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
    });
  }

  test('garbled parts, a missing boundary and a part header that never ends are 4xx', async () => {
    const cases: [string, string][] = [
      ['multipart/form-data; boundary=Q', '--Q\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'],
      ['multipart/form-data; boundary=Q', '--Q\r\n\r\n\r\n--Q--'],
      ['multipart/form-data', truncated()],
      ['multipart/form-data; boundary=Q', `--Q\r\nContent-Disposition: form-data; name="text"\r\n\r\n${'x'.repeat(1000)}`],
    ];
    for (const path of ['/api/highlight', '/api/import?dryRun=1']) {
      for (const [type, body] of cases) {
        const res = await post(s.url + path, body, type);
        assert.ok(res.status >= 400 && res.status < 500, `${path} ${JSON.stringify(body.slice(0, 40))}: ${res.status}`);
        const json = await res.json();
        assert.equal(typeof json.error.code, 'string');
      }
    }
    assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
  });

  test('a client that sends half an upload and goes away does not leave the import waiting', async () => {
    const { request } = await import('node:http');
    const url = new URL(`${s.url}/api/import?dryRun=1`);
    await new Promise<void>((resolve) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=Q', 'content-length': '100000' },
        },
        () => resolve(),
      );
      req.on('error', () => resolve());
      req.write(truncated());
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
  });
});

describe('accounts', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ config: { anonymous: 'viewer', loginMaxFailures: 5 } });
    await addUser(s.db, 'alice', 'editor', 'alice-password');
    await addUser(s.db, 'root', 'admin', 'root-password');
  });
  after(() => s.close());

  const login = (name: string, password: string) =>
    fetch(`${s.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });

  test('40 parallel guesses on one account: at most the limit are checked, the rest are 429, the right password among them does not get in', async () => {
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 39 ? 'alice-password' : `guess-${i}`));
    const statuses = await Promise.all(guesses.map((p) => login('alice', p).then((r) => r.status)));
    const count = (n: number) => statuses.filter((x) => x === n).length;
    assert.ok(count(401) + count(200) <= 5, `checked ${count(401) + count(200)}: ${statuses.join(',')}`);
    assert.ok(count(429) >= 35);
    // Locked now, even for the right password.
    assert.equal((await login('alice', 'alice-password')).status, 429);
  });

  test('a good login does not count against the address', async () => {
    for (let i = 0; i < 8; i++) assert.equal((await login('root', 'root-password')).status, 200);
  });

  test('an import report is readable by whoever started it and by an admin, by nobody else', async () => {
    const csv = 'zh,en\n北京,Beijing\n';
    const form = new FormData();
    form.append('file', new Blob([csv]), 'a.csv');
    const owner = new Client(s.url);
    await owner.page('/import');
    const started = await owner.fetch('/api/import?dryRun=1&async=1', {
      method: 'POST',
      body: form,
      headers: { 'x-csrf-token': owner.csrf },
    });
    assert.equal(started.status, 202);
    const { job } = await started.json();
    const asOwner = await owner.fetch(`/api/import/${job}`);
    assert.equal(asOwner.status, 200);
    assert.equal((await asOwner.json()).owner, undefined, 'the owner key is not shown');
    const stranger = new Client(s.url);
    await stranger.page('/import');
    await expectError(await stranger.fetch(`/api/import/${job}`), 404, 'not-found');
    await expectError(await fetch(`${s.url}/api/import/${job}`), 404, 'not-found');
    const admin = await login('root', 'root-password');
    const cookie = admin.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    assert.equal((await fetch(`${s.url}/api/import/${job}`, { headers: { cookie } })).status, 200);
  });
});

describe('the account list stays with admins', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ config: { anonymous: 'viewer' } });
    await addUser(s.db, 'root', 'admin', 'root-password');
    // An account event, as the admin page writes it.
    const { UserRepository } = await import('../../db/users.ts');
    new UserRepository(s.db).create({ name: 'secret-editor', role: 'editor', passwordHash: 'x' }, 'root');
  });
  after(() => s.close());

  test('anonymous visitors and viewers see no account events in /changes or /changes.csv', async () => {
    const page = await (await fetch(`${s.url}/changes?action=user-add`)).text();
    assert.doesNotMatch(page, /secret-editor/);
    const all = await (await fetch(`${s.url}/changes`)).text();
    assert.doesNotMatch(all, /secret-editor|user-add/);
    const csv = await (await fetch(`${s.url}/changes.csv`)).text();
    assert.doesNotMatch(csv, /secret-editor|user-add/);
  });

  test('an admin sees them', async () => {
    const admin = new Client(s.url);
    await admin.page('/login');
    await admin.form('/login', { name: 'root', password: 'root-password' });
    const { html } = await admin.page('/changes?action=user-add');
    assert.match(html, /secret-editor/);
    const csv = await (await admin.fetch('/changes.csv')).text();
    assert.match(csv, /secret-editor/);
  });
});

describe('only known host names are answered (DNS rebinding)', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ seed: true, config: { allowedHosts: ['terms.example.org'] } });
  });
  after(() => s.close());

  const get = async (host: string, path = '/api/lookup?q=北京') => {
    const { request } = await import('node:http');
    const url = new URL(s.url);
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: encodeURI(path), headers: { host } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end();
    });
  };

  test('a rebinding domain gets 421 with a JSON error, on the API, pages and static files', async () => {
    for (const path of ['/api/lookup?q=北京', '/concepts', '/static/app.css', '/healthz']) {
      const r = await get(`rebind.attacker.example:${new URL(s.url).port}`, path);
      assert.equal(r.status, 421, path);
      assert.equal(JSON.parse(r.body).error.code, 'host-not-allowed');
    }
  });

  test('localhost, the loopback addresses and configured names are answered', async () => {
    const port = new URL(s.url).port;
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      'LOCALHOST',
      'terms.example.org',
      'terms.example.org.:8080',
    ]) {
      assert.equal((await get(host)).status, 200, host);
    }
  });

  test('a malformed Host header is refused', async () => {
    for (const host of ['localhost@evil.example', 'evil.example/x', 'localhost:port']) assert.equal((await get(host)).status, 421, host);
  });
});

describe('expensive work runs off the event loop on a database file', () => {
  let s: TestServer;
  before(async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    s = await startServer({ seed: true, config: { dbPath: join(mkdtempSync(join(tmpdir(), 'tb-offload-')), 'g.sqlite') } });
  });
  after(async () => {
    await s.close();
    const { closeOffload } = await import('../../server/services/offload.ts');
    await closeOffload();
  });

  const api = (path: string, body: unknown) =>
    fetch(s.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('review, alignment and extraction answer from the worker with the current glossary', async () => {
    const review = await (await api('/api/highlight', { text: '科索沃总统访问了普里什蒂纳。' })).json();
    assert.ok(review.matches.some((m: { text: string }) => m.text === '科索沃'));
    // A concept added on the server's own connection is seen by the worker's connection.
    const { ConceptRepository } = await import('../../db/concepts.ts');
    new ConceptRepository(s.db).create(
      {
        terms: [
          { text: '新造词语', lang: 'zh-CN', status: 'preferred' },
          { text: 'Neologism', lang: 'en', status: 'preferred' },
        ],
      },
      { actor: 'test' },
    );
    const again = await (await api('/api/highlight', { text: '这是新造词语。' })).json();
    assert.ok(again.matches.some((m: { text: string }) => m.text === '新造词语'));
    const aligned = await (
      await api('/api/align', { zh: '科索沃总统访问了普里什蒂纳。', en: 'The President of Kosovo visited Pristina.' })
    ).json();
    assert.equal(aligned.pairs?.length, 1, JSON.stringify(aligned));
    const extracted = await api('/api/candidates/extract', { text: '据报道，阿尔巴尼亚总理埃迪·拉马访问了北马其顿。', store: false });
    assert.equal(extracted.status, 200);
    assert.ok(Array.isArray((await extracted.json()).candidates));
  });

  test('answers serialised on the worker: a review report (CSV) and an alignment as TMX arrive whole, with their types', async () => {
    const report = await api('/api/highlight?export=csv', { text: '科索沃总统访问了普里什蒂纳。' });
    assert.equal(report.status, 200);
    assert.match(report.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(report.headers.get('content-disposition') ?? '', /document-review\.csv/);
    const bytes = Buffer.from(await report.arrayBuffer());
    assert.equal(Number(report.headers.get('content-length')), bytes.length);
    assert.ok(bytes.toString('utf8').includes('科索沃'));
    const tmx = await api('/api/align', {
      zh: '科索沃总统访问了普里什蒂纳。',
      en: 'The President of Kosovo visited Pristina.',
      format: 'tmx',
    });
    assert.equal(tmx.status, 200);
    assert.match(tmx.headers.get('content-type') ?? '', /^application\/x-tmx\+xml/);
    assert.match(await tmx.text(), /<tu\b[^>]*>[\s\S]*Pristina[\s\S]*<\/tu>/);
  });

  test('an import preview runs in the worker, reports what a real import would do, and writes nothing', async () => {
    const { ConceptRepository } = await import('../../db/concepts.ts');
    const before = new ConceptRepository(s.db).count();
    const form = new FormData();
    form.append('file', new Blob(['zh-CN,en\n测试术语甲,Test term A\n测试术语乙,Test term B\n']), 'a.csv');
    const res = await fetch(`${s.url}/api/import?dryRun=1`, { method: 'POST', body: form });
    assert.equal(res.status, 200);
    const report = await res.json();
    assert.equal(report.dryRun, true);
    assert.equal(report.created, 2);
    assert.equal(new ConceptRepository(s.db).count(), before);
    const bad = new FormData();
    bad.append('file', new Blob(['zh-CN,en\n"测试,Test\n']), 'b.csv');
    const refused = await fetch(`${s.url}/api/import?dryRun=1`, { method: 'POST', body: bad });
    assert.ok(refused.status >= 400 && refused.status < 500, String(refused.status));
    assert.equal(new ConceptRepository(s.db).count(), before);
  });

  /**
   * Start a heavy request, then ask /healthz and /api/lookup while it runs: each must answer
   * before the heavy one does. An order, not a time: run on the event loop, the heavy work
   * would hold the probes until its own answer had been sent. Each input below takes seconds
   * of work, the probes a few milliseconds.
   */
  async function answeredDuring(heavy: () => Promise<Response>, check: (body: unknown) => void): Promise<void> {
    const order: string[] = [];
    const done = heavy().then(async (res) => {
      const body = await res.json();
      assert.equal(res.status, 200, JSON.stringify(body).slice(0, 300));
      check(body);
      order.push('heavy');
    });
    // Let the body arrive and the work start before asking.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 3; i++) {
      assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
      order.push('healthz');
      assert.equal((await fetch(`${s.url}/api/lookup?q=${encodeURIComponent('科索沃')}`)).status, 200);
      order.push('lookup');
    }
    await done;
    assert.equal(order.indexOf('heavy'), order.length - 1, order.join(' '));
  }

  test('while a large alignment runs, health checks and lookups are answered before it', async () => {
    // The largest accepted alignment (20,000 sentences a side): smaller ones now finish before the probes do.
    const n = 20_000;
    const zh = Array.from({ length: n }, (_, i) => `科索沃总统第${i}次访问了普里什蒂纳。`).join('');
    const en = Array.from({ length: n }, (_, i) => `The President of Kosovo visited Pristina for the ${i}th time.`).join(' ');
    await answeredDuring(
      () => api('/api/align', { zh, en }),
      (body) => assert.equal((body as { pairs: unknown[] }).pairs.length, n),
    );
  });

  test('while a large import preview runs, health checks and lookups are answered before it', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `测试术语${i},Test term ${i},${'d'.repeat(200)}`);
    const csv = `zh-CN,en,definition\n${rows.join('\n')}\n`;
    await answeredDuring(
      () => {
        const form = new FormData();
        form.append('file', new Blob([csv]), 'big.csv');
        return fetch(`${s.url}/api/import?dryRun=1`, { method: 'POST', body: form });
      },
      (body) => assert.equal((body as { created: number }).created, 30_000),
    );
  });

  test('while a large HTML review runs, health checks and lookups are answered before it', async () => {
    const html = `<html><body>${'<p>科索沃总统访问了<b>普里什蒂纳</b>。<a href="#x">Kosovo</a></p>\n'.repeat(10_000)}</body></html>`;
    await answeredDuring(
      () => api('/api/highlight', { text: html, format: 'html' }),
      (body) => assert.ok((body as { matches: unknown[] }).matches.length >= 20_000),
    );
  });

  test('while a large extraction runs, health checks and lookups are answered before it', async () => {
    const text = '据报道，阿尔巴尼亚总理埃迪·拉马访问了北马其顿，随后会见了科索沃总统。'.repeat(20_000);
    await answeredDuring(
      () => api('/api/candidates/extract', { text, store: false }),
      (body) => assert.ok(Array.isArray((body as { candidates: unknown[] }).candidates)),
    );
  });

  test('a preview of more entries than the cap is refused whole with 413 too-many-entries, and writes nothing', async () => {
    const { ConceptRepository } = await import('../../db/concepts.ts');
    const before = new ConceptRepository(s.db).count();
    const preview = (rows: number) => {
      const form = new FormData();
      const csv = `zh-CN,en\n${Array.from({ length: rows }, (_, i) => `测试术语${i},Test term ${i}`).join('\n')}\n`;
      form.append('file', new Blob([csv]), 'a.csv');
      return fetch(`${s.url}/api/import?dryRun=1`, { method: 'POST', body: form });
    };
    process.env.TERMBRIDGE_MAX_PREVIEW_ENTRIES = '5';
    try {
      assert.equal((await preview(5)).status, 200);
      const { error } = await expectError(await preview(6), 413, 'too-many-entries');
      assert.match(error.message, /more than 5 entries/);
    } finally {
      delete process.env.TERMBRIDGE_MAX_PREVIEW_ENTRIES;
    }
    assert.equal(new ConceptRepository(s.db).count(), before);
  });

  test('bad input inside the worker is still a 4xx with {error:{code,message}}', async () => {
    await expectError(await api('/api/align', { zh: '', en: '' }), 400);
    await expectError(await api('/api/highlight', { text: 'a\u0000b' }), 415);
  });
});

describe('per-address limits on the expensive anonymous endpoints', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ seed: true, config: { anonymous: 'viewer', expensiveRateLimitPerMinute: 3 } });
    await addUser(s.db, 'ed', 'editor');
  });
  after(() => s.close());

  const review = (headers: Record<string, string> = {}) =>
    fetch(`${s.url}/api/highlight`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ text: '科索沃' }),
    });

  test('an anonymous caller gets 429 after the budget; lookups and logged-in users are not counted', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await review()).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    await expectError(await review(), 429, 'rate-limited');
    const align = await fetch(`${s.url}/api/align`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"zh":"一","en":"one"}',
    });
    assert.equal(align.status, 429, 'one budget for all the expensive endpoints');
    assert.equal((await fetch(`${s.url}/api/lookup?q=${encodeURIComponent('科索沃')}`)).status, 200);
    const ed = new Client(s.url);
    await ed.login('ed', 'ed-password');
    const mine = await ed.json('POST', '/api/highlight', { text: '科索沃' });
    assert.equal(mine.status, 200);
  });
});

describe('HTML review is bounded in proportion to its input', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ seed: true });
  });
  after(() => s.close());

  const review = (text: string, format: string) =>
    fetch(`${s.url}/api/highlight`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, format }),
    });

  test('100,000 nested <div>s are refused with 413 before parsing, as are deep Markdown quotes', async () => {
    const n = 100_000;
    await expectError(await review(`${'<div>'.repeat(n)}科索沃${'</div>'.repeat(n)}`, 'html'), 413, 'too-deeply-nested');
    await expectError(await review(`${'<span><b>'.repeat(400)}x`, 'html'), 413, 'too-deeply-nested');
    await expectError(await review(`${'> '.repeat(2000)}科索沃`, 'md'), 413, 'too-deeply-nested');
  });

  test('ordinary deep-ish documents and thousands of unclosed paragraphs still pass', async () => {
    const ok = await review(`${'<div>'.repeat(200)}科索沃${'</div>'.repeat(200)}`, 'html');
    assert.equal(ok.status, 200);
    assert.ok((await ok.json()).matches.length >= 1);
    const paragraphs = await review(`${'<p>科索沃'.repeat(5000)}<br><img src=x>`, 'html');
    assert.equal(paragraphs.status, 200);
  });
});
