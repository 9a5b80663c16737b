import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConceptRepository } from '../../db/concepts.ts';
import { addUser, Client } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';

const concept = { terms: [{ text: 'Pristina', lang: 'en', status: 'preferred' as const }] };
const conceptForm = { 'terms[0][text]': 'Pristina', 'terms[0][lang]': 'en', 'terms[0][status]': 'preferred' };

describe('roles: anonymous viewers read, editors write, admins manage accounts', () => {
  let s: TestServer;
  let id: number;
  before(async () => {
    s = await startServer({ config: { anonymous: 'viewer' } });
    await addUser(s.db, 'vera', 'viewer');
    await addUser(s.db, 'ed', 'editor');
    await addUser(s.db, 'ada', 'admin');
    id = new ConceptRepository(s.db).create(concept, { actor: 'seed' }).id;
  });
  after(() => s.close());

  test('an anonymous visitor can read pages and the API', async () => {
    const c = new Client(s.url);
    for (const path of [
      '/',
      '/concepts',
      `/concepts/${id}`,
      `/concepts/${id}/history`,
      '/changes',
      '/api/concepts',
      `/api/concepts/${id}`,
    ]) {
      assert.equal((await c.fetch(path)).status, 200, path);
    }
  });

  const writes: [string, string, (id: number) => string, unknown][] = [
    ['create', 'POST', () => '/api/concepts', concept],
    ['replace', 'PUT', (id) => `/api/concepts/${id}`, { ...concept, version: 1 }],
    ['delete', 'DELETE', (id) => `/api/concepts/${id}`, undefined],
    ['revert', 'POST', (id) => `/concepts/${id}/history/1/revert`, {}],
    ['an unknown future write route', 'POST', () => '/api/candidates/1/accept', {}],
  ];
  for (const [what, method, path, body] of writes) {
    test(`an anonymous ${what} through the API is refused with 401 and changes nothing`, async () => {
      const c = new Client(s.url);
      await c.page('/');
      const before = new ConceptRepository(s.db).revision();
      const res = await c.json(method, path(id), body);
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error.code, 'login-required');
      assert.equal(new ConceptRepository(s.db).revision(), before);
    });
  }

  test('an anonymous form post is sent to the login page, and nothing is created', async () => {
    const c = new Client(s.url);
    await c.page('/concepts/new');
    const n = new ConceptRepository(s.db).count();
    const res = await c.form('/concepts', conceptForm);
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location')!, /^\/login\?next=/);
    assert.equal(new ConceptRepository(s.db).count(), n);
  });

  test('a viewer account is refused writes with 403, in the API and in forms', async () => {
    const c = new Client(s.url);
    assert.equal((await c.login('vera', 'vera-password')).status, 303);
    const api = await c.json('POST', '/api/concepts', concept);
    assert.equal(api.status, 403);
    assert.equal((await api.json()).error.code, 'forbidden');
    await c.page('/concepts/new');
    assert.equal((await c.form('/concepts', conceptForm)).status, 403);
  });

  test('an editor writes, and history names the editor', async () => {
    const c = new Client(s.url);
    await c.login('ed', 'ed-password');
    const res = await c.json('POST', '/api/concepts', concept);
    assert.equal(res.status, 201);
    const created = await res.json();
    assert.equal(new ConceptRepository(s.db).history(created.id)[0]!.actor, 'ed');
    await c.page(`/concepts/${created.id}/edit`);
    const edit = await c.form(`/concepts/${created.id}`, { ...conceptForm, version: '1', note: 'checked' });
    assert.equal(edit.status, 303);
    assert.equal(new ConceptRepository(s.db).history(created.id)[0]!.actor, 'ed');
  });

  test('the page shows who is logged in and their role', async () => {
    const c = new Client(s.url);
    await c.login('ed', 'ed-password');
    const { html } = await c.page('/');
    assert.match(html, /ed \(editor\)/);
    assert.match(html, /action="\/logout"/);
  });

  test('user administration is for admins only, however the path is spelt', async () => {
    const editor = new Client(s.url);
    await editor.login('ed', 'ed-password');
    for (const path of ['/users', '/USERS', '/Users/']) assert.equal((await editor.fetch(path)).status, 403, path);
    for (const path of ['/USERS', '/Account']) assert.equal((await new Client(s.url).fetch(path)).status, 303, path);
    const anon = new Client(s.url);
    assert.equal((await anon.json('GET', '/api/users')).status, 401);
  });

  test('read-only POSTs (highlight, align, lookup, review, import previews) are not refused to anonymous viewers', async () => {
    const c = new Client(s.url);
    await c.page('/');
    for (const path of ['/api/highlight', '/api/align', '/api/lookup', '/api/import?dryRun=1']) {
      const res = await c.json('POST', path, { text: 'x' });
      assert.ok(![401, 403].includes(res.status), `${path} answered ${res.status}`);
    }
    const review = await c.form('/review', { text: '科索沃' });
    assert.ok(
      ![401, 403].includes(review.status) && !review.headers.get('location')?.startsWith('/login'),
      `/review answered ${review.status}`,
    );
    const realImport = await c.json('POST', '/api/import', { text: 'x' });
    assert.equal(realImport.status, 401, 'an import that is not a dry run is a write');
  });
});

describe('anonymous access "none": everything needs a login', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ config: { anonymous: 'none' } });
    await addUser(s.db, 'vera', 'viewer');
  });
  after(() => s.close());

  test('pages redirect to the login page, the API answers 401; login, health and static files stay open', async () => {
    const c = new Client(s.url);
    const page = await c.fetch('/concepts?q=x');
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), `/login?next=${encodeURIComponent('/concepts?q=x')}`);
    assert.equal((await c.fetch('/api/concepts')).status, 401);
    assert.equal((await c.fetch('/api/highlight', { method: 'POST' })).status, 401);
    for (const path of ['/login', '/healthz', '/static/app.css']) assert.equal((await c.fetch(path)).status, 200, path);
  });

  test('after logging in, a viewer reads, and is sent back to the page asked for', async () => {
    const c = new Client(s.url);
    await c.page('/login?next=%2Fconcepts');
    const res = await c.form('/login', { name: 'vera', password: 'vera-password', next: '/concepts' });
    assert.equal(res.headers.get('location'), '/concepts');
    assert.equal((await c.fetch('/concepts')).status, 200);
    assert.equal((await c.fetch('/api/concepts')).status, 200);
  });

  test('the login page never redirects off-site', async () => {
    const c = new Client(s.url);
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      await c.page('/login');
      const res = await c.form('/login', { name: 'vera', password: 'vera-password', next });
      assert.equal(res.headers.get('location'), '/', next);
    }
  });
});

describe('CSRF: state-changing requests must come from our own pages', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ config: { anonymous: 'viewer' } });
    await addUser(s.db, 'ed', 'editor');
  });
  after(() => s.close());

  const cases: [string, (c: Client) => Promise<Response>][] = [
    ['a form post without the token', (c) => c.form('/concepts', conceptForm, null)],
    ['a form post with a forged token', (c) => c.form('/concepts', conceptForm, 'forged-token')],
    ['a form post with another browser’s token', async (c) => c.form('/concepts', conceptForm, await otherToken())],
    ['a JSON call without the header', (c) => c.json('POST', '/api/concepts', concept, null)],
    ['a JSON call with a forged header', (c) => c.json('PUT', '/api/concepts/1', { ...concept, version: 1 }, 'x')],
    ['a delete without the header', (c) => c.json('DELETE', '/api/concepts/1', undefined, null)],
    [
      'a post from another site, even with a valid token',
      (c) =>
        c.fetch('/concepts', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
          body: new URLSearchParams({ ...conceptForm, _csrf: c.csrf }),
        }),
    ],
    [
      'a post a browser marks cross-site',
      (c) =>
        c.fetch('/api/concepts', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', 'x-csrf-token': c.csrf },
          body: JSON.stringify(concept),
        }),
    ],
    ['a logout without the token', (c) => c.form('/logout', {}, null)],
  ];

  async function otherToken(): Promise<string> {
    const other = new Client(s.url);
    await other.login('ed', 'ed-password');
    return other.csrf;
  }

  for (const [what, send] of cases) {
    test(`${what} is refused with 403 and changes nothing`, async () => {
      const c = new Client(s.url);
      await c.login('ed', 'ed-password');
      const before = new ConceptRepository(s.db).revision();
      const res = await send(c);
      assert.equal(res.status, 403);
      assert.equal(new ConceptRepository(s.db).revision(), before);
      assert.equal((await c.fetch('/api/session')).status, 200);
    });
  }

  test('the same requests with the page’s token succeed', async () => {
    const c = new Client(s.url);
    await c.login('ed', 'ed-password');
    assert.equal((await c.form('/concepts', conceptForm)).status, 303);
    assert.equal((await c.json('POST', '/api/concepts', concept)).status, 201);
  });

  test('a login form posted from another site is refused (login CSRF)', async () => {
    const c = new Client(s.url);
    await c.page('/login');
    const res = await c.fetch('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
      body: new URLSearchParams({ name: 'ed', password: 'ed-password', _csrf: c.csrf }),
    });
    assert.equal(res.status, 403);
    assert.equal(c.cookies.has('tb_session'), false);
  });

  test('in desktop mode (anonymous editor) a browser still needs the token', async () => {
    const desk = await startServer({ config: { anonymous: 'editor' } });
    try {
      const c = new Client(desk.url);
      await c.page('/concepts/new');
      assert.equal((await c.form('/concepts', conceptForm, null)).status, 403);
      assert.equal((await c.form('/concepts', conceptForm)).status, 303);
      // A script without cookies has no ambient credential to forge with: no token needed.
      assert.equal(
        (
          await fetch(`${desk.url}/api/concepts`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(concept),
          })
        ).status,
        201,
      );
    } finally {
      await desk.close();
    }
  });

  test('an API client logs in with JSON and gets the token to send back', async () => {
    const res = await fetch(`${s.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ed', password: 'ed-password' }),
    });
    assert.equal(res.status, 200);
    const { user, csrfToken } = await res.json();
    assert.deepEqual(user.name, 'ed');
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('tb_session='))!
      .split(';')[0]!;
    const send = (token?: string) =>
      fetch(`${s.url}/api/concepts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, ...(token ? { 'x-csrf-token': token } : {}) },
        body: JSON.stringify(concept),
      });
    assert.equal((await send()).status, 403);
    assert.equal((await send(csrfToken)).status, 201);
  });
});

describe('sessions and login throttling', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ config: { anonymous: 'viewer', loginMaxFailures: 3 } });
    await addUser(s.db, 'ed', 'editor');
    await addUser(s.db, 'ann', 'editor');
  });
  after(() => s.close());

  test('the session cookie is httpOnly, SameSite=Lax, path /, and not Secure over plain http', async () => {
    const c = new Client(s.url);
    await c.page('/login');
    const res = await c.form('/login', { name: 'ed', password: 'ed-password' });
    const cookie = res.headers.getSetCookie().find((h) => h.startsWith('tb_session='))!;
    assert.match(cookie, /; HttpOnly/i);
    assert.match(cookie, /; SameSite=Lax/i);
    assert.match(cookie, /; Path=\//i);
    assert.doesNotMatch(cookie, /; Secure/i);
    assert.ok(cookie.split(';')[0]!.length > 'tb_session='.length + 40, 'the token is long and random');
    const page = await c.fetch('/concepts', { headers: { cookie: cookie.split(';')[0]! } });
    assert.equal(page.headers.get('cache-control'), 'private, no-cache', 'a personal page is not stored in shared caches');
  });

  test('behind an https proxy (trusted) or when configured, cookies are Secure', async () => {
    const proxied = await startServer({ config: { anonymous: 'viewer', trustProxy: 'loopback' } });
    const forced = await startServer({ config: { anonymous: 'viewer', secureCookies: true } });
    try {
      await addUser(proxied.db, 'ed', 'editor');
      const viaProxy = await fetch(`${proxied.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ name: 'ed', password: 'ed-password' }),
      });
      assert.match(viaProxy.headers.getSetCookie().find((h) => h.startsWith('tb_session='))!, /; Secure/i);
      const page = await fetch(`${forced.url}/`);
      assert.match(page.headers.getSetCookie().find((h) => h.startsWith('tb_anon='))!, /; Secure/i);
    } finally {
      await proxied.close();
      await forced.close();
    }
  });

  test('a new session token at each login; after logout the old cookie is worthless', async () => {
    const c = new Client(s.url);
    await c.login('ed', 'ed-password');
    const first = c.cookies.get('tb_session');
    await c.login('ed', 'ed-password');
    const second = c.cookies.get('tb_session')!;
    assert.notEqual(first, second);
    assert.equal((await c.form('/logout', {})).status, 303);
    const replay = await fetch(`${s.url}/api/session`, { headers: { cookie: `tb_session=${second}` } });
    assert.equal((await replay.json()).user, null);
    const stale = await fetch(`${s.url}/api/session`, { headers: { cookie: `tb_session=${first}` } });
    assert.equal((await stale.json()).user, null);
  });

  test('after 3 wrong passwords the account is locked for this address, even with the right password', async () => {
    const c = new Client(s.url);
    await c.page('/login');
    for (let i = 0; i < 3; i++) assert.equal((await c.form('/login', { name: 'ed', password: `wrong-${i}` })).status, 401);
    const locked = await c.form('/login', { name: 'ed', password: 'ed-password' });
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
    assert.match(await locked.text(), /Too many failed attempts/);
    assert.equal(c.cookies.has('tb_session'), false);
    // Another account from the same address is not locked out by ed's failures.
    assert.equal((await c.form('/login', { name: 'ann', password: 'ann-password' })).status, 303);
  });

  test('an unknown user and a wrong password get the same answer', async () => {
    const c = new Client(s.url);
    await c.page('/login');
    const unknown = await c.form('/login', { name: 'nobody', password: 'whatever1' });
    const wrong = await c.form('/login', { name: 'ann', password: 'whatever1' });
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    const message = (html: string) => /<div class="alert" role="alert">([^<]*)</.exec(html)?.[1];
    assert.equal(message(await unknown.text()), message(await wrong.text()));
  });
});

describe('account administration at /users', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ config: { anonymous: 'viewer' } });
    await addUser(s.db, 'ada', 'admin');
    await addUser(s.db, 'ed', 'editor');
  });
  after(() => s.close());

  test('an admin adds a user who can then log in, changes their role, and removes them; all audited', async () => {
    const admin = new Client(s.url);
    await admin.login('ada', 'ada-password');
    await admin.page('/users');
    const added = await admin.form('/users', { name: '张三', role: 'viewer', password: 'zhang-password' });
    assert.equal(added.status, 303);
    const zhang = new Client(s.url);
    assert.equal((await zhang.login('张三', 'zhang-password')).status, 303);
    assert.equal((await zhang.json('POST', '/api/concepts', concept)).status, 403);
    await admin.page('/users');
    assert.equal((await admin.form(`/users/${encodeURIComponent('张三')}/role`, { role: 'editor' })).status, 303);
    // A role change ends the sessions: log in again to act as editor.
    assert.equal((await zhang.json('GET', '/api/session').then((r) => r.json())).user, null);
    await zhang.login('张三', 'zhang-password');
    assert.equal((await zhang.json('POST', '/api/concepts', concept)).status, 201);
    await admin.page('/users');
    assert.equal((await admin.form(`/users/${encodeURIComponent('张三')}/delete`, {})).status, 303);
    const { html } = await admin.page('/changes?user=ada');
    for (const action of ['user-add', 'user-role', 'user-remove']) assert.match(html, new RegExp(`<td>${action}</td>`));
  });

  test('the last admin cannot demote themselves; the page says why', async () => {
    const admin = new Client(s.url);
    await admin.login('ada', 'ada-password');
    await admin.page('/users');
    const res = await admin.form('/users/ada/role', { role: 'editor' });
    assert.equal(res.status, 409);
    assert.match(await res.text(), /only admin/);
  });

  test('an editor cannot see or change accounts', async () => {
    const ed = new Client(s.url);
    await ed.login('ed', 'ed-password');
    assert.equal((await ed.fetch('/users')).status, 403);
    assert.equal((await ed.form('/users', { name: 'x', role: 'admin', password: 'long enough' })).status, 403);
    const { html } = await ed.page('/');
    assert.doesNotMatch(html, /href="\/users"/);
  });
});

describe('changing one’s own password at /account', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ config: { anonymous: 'editor' } });
    await addUser(s.db, 'vera', 'viewer');
  });
  after(() => s.close());

  test('anyone logged in, even a viewer, changes their password; other sessions end, this one goes on', async () => {
    const here = new Client(s.url);
    const elsewhere = new Client(s.url);
    await here.login('vera', 'vera-password');
    await elsewhere.login('vera', 'vera-password');
    await here.page('/account');
    const wrong = await here.form('/account/password', { current: 'nope', password: 'new-password-1', confirm: 'new-password-1' });
    assert.equal(wrong.status, 401);
    const mismatch = await here.form('/account/password', { current: 'vera-password', password: 'new-password-1', confirm: 'other' });
    assert.equal(mismatch.status, 400);
    const ok = await here.form('/account/password', { current: 'vera-password', password: 'new-password-1', confirm: 'new-password-1' });
    assert.equal(ok.status, 303);
    assert.equal((await (await here.fetch('/api/session')).json()).user.name, 'vera');
    assert.equal((await (await elsewhere.fetch('/api/session')).json()).user, null);
    const again = new Client(s.url);
    assert.equal((await again.login('vera', 'vera-password')).status, 401);
    assert.equal((await again.login('vera', 'new-password-1')).status, 303);
  });

  test('without a login /account sends to the login page, even when anonymous visitors may edit', async () => {
    const res = await new Client(s.url).fetch('/account');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/login?next=%2Faccount');
  });
});
