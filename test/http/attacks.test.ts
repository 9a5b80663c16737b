import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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
