import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from '../support/server.ts';

const kosovo = {
  subject: 'place',
  terms: [
    { text: 'Kosovo', lang: 'en', status: 'preferred' },
    { text: '科索沃', lang: 'zh-Hans', status: 'preferred' },
    { text: '科索夫', lang: 'zh-Hant', status: 'preferred' },
  ],
};

describe('concepts API', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  test('GET /healthz answers ok', async () => {
    const res = await call('GET', '/healthz');
    assert.equal(res.status, 200);
    assert.equal((await res.json()).status, 'ok');
  });

  test('POST creates a concept, GET returns it with normalised tags', async () => {
    const res = await call('POST', '/api/concepts', kosovo);
    assert.equal(res.status, 201);
    const created = await res.json();
    assert.equal(created.version, 1);
    const got = await (await call('GET', `/api/concepts/${created.id}`)).json();
    assert.deepEqual(
      got.terms.map((t: any) => t.lang),
      ['en', 'zh-CN', 'zh-TW'],
    );
    const list = await (await call('GET', '/api/concepts?lang=zh-TW')).json();
    assert.ok(list.concepts.some((c: any) => c.id === created.id));
  });

  test('two concurrent edits of one concept: the second gets 409 and history shows exactly the first', async () => {
    const created = await (await call('POST', '/api/concepts', kosovo)).json();
    const first = { ...kosovo, version: 1, note: 'edit A' };
    const second = { ...kosovo, version: 1, note: 'edit B' };
    const [a, b] = await Promise.all([
      call('PUT', `/api/concepts/${created.id}`, first),
      call('PUT', `/api/concepts/${created.id}`, second),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 409]);
    const loser = a.status === 409 ? a : b;
    const err = await loser.json();
    assert.equal(err.error.code, 'version-conflict');
    assert.equal(err.error.current.version, 2);
    const winnerNote = a.status === 200 ? 'edit A' : 'edit B';
    const { history } = await (await call('GET', `/api/concepts/${created.id}/history`)).json();
    assert.deepEqual(
      history.map((h: any) => h.action),
      ['update', 'create'],
    );
    assert.equal(history[0].after.note, winnerNote);
  });

  test('DELETE removes the concept; a stale version is refused', async () => {
    const created = await (await call('POST', '/api/concepts', kosovo)).json();
    assert.equal((await call('DELETE', `/api/concepts/${created.id}?version=7`)).status, 409);
    assert.equal((await call('DELETE', `/api/concepts/${created.id}`, undefined, { 'if-match': '"1"' })).status, 204);
    assert.equal((await call('GET', `/api/concepts/${created.id}`)).status, 404);
  });

  const bad: [string, string, string, unknown, number, string][] = [
    ['malformed JSON', 'POST', '/api/concepts', '{"terms": [', 400, 'invalid-json'],
    ['no terms', 'POST', '/api/concepts', { terms: [] }, 400, 'invalid-input'],
    [
      'a bad language tag',
      'POST',
      '/api/concepts',
      { terms: [{ text: 'x', lang: 'not a tag', status: 'preferred' }] },
      400,
      'invalid-input',
    ],
    ['a bad status', 'POST', '/api/concepts', { terms: [{ text: 'x', lang: 'en', status: 'great' }] }, 400, 'invalid-input'],
    ['an empty term', 'POST', '/api/concepts', { terms: [{ text: '  ', lang: 'en' }] }, 400, 'invalid-input'],
    ['a body that is an array', 'POST', '/api/concepts', [1, 2], 400, 'invalid-input'],
    ['a text of 1000 characters', 'POST', '/api/concepts', { terms: [{ text: 'x'.repeat(1000), lang: 'en' }] }, 400, 'invalid-input'],
    ['a non-numeric id', 'GET', '/api/concepts/abc', undefined, 400, 'invalid-input'],
    ['a missing concept', 'GET', '/api/concepts/999999', undefined, 404, 'concept-not-found'],
    ['an update without version', 'PUT', '/api/concepts/1', kosovo, 400, 'invalid-input'],
    ['an update of a missing concept', 'PUT', '/api/concepts/999999', { ...kosovo, version: 1 }, 404, 'concept-not-found'],
    ['a delete with a bad version', 'DELETE', '/api/concepts/1?version=x', undefined, 400, 'invalid-input'],
    ['a bad list filter', 'GET', '/api/concepts?status=great', undefined, 400, 'invalid-input'],
    ['a bad page', 'GET', '/api/concepts?page=-1', undefined, 400, 'invalid-input'],
    ['an unknown API route', 'GET', '/api/nothing-here', undefined, 404, 'not-found'],
  ];
  for (const [name, method, path, body, status, code] of bad) {
    test(`bad input: ${name} → ${status} ${code}`, async () => {
      const res = await call(method, path, body);
      assert.equal(res.status, status);
      const payload = await res.json();
      assert.equal(payload.error.code, code);
      assert.equal(typeof payload.error.message, 'string');
      assert.doesNotMatch(payload.error.message, /\n\s+at /, 'no stack trace');
    });
  }

  test('a body over the size limit gets 413', async () => {
    const res = await call('POST', '/api/concepts', JSON.stringify({ note: 'x'.repeat(11 * 1024 * 1024), terms: [] }));
    assert.equal(res.status, 413);
    assert.equal((await res.json()).error.code, 'payload-too-large');
  });
});
