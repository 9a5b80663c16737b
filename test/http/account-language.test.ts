import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { UserRepository } from '../../db/users.ts';
import { addUser, Client } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';

const langOf = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

describe('the interface language: cookie > account > Accept-Language', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    await addUser(s.db, 'mei', 'viewer');
  });
  after(() => s.close());

  /** A browser whose Accept-Language is English. */
  const englishBrowser = () => {
    const c = new Client(s.url);
    const fetch = c.fetch.bind(c);
    c.fetch = (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('accept-language', 'en-US,en;q=0.9');
      return fetch(path, { ...init, headers });
    };
    return c;
  };

  test('an account language outranks Accept-Language, on every browser the person logs in from', async () => {
    const c = englishBrowser();
    await c.login('mei', 'mei-password');
    assert.equal(langOf((await c.page('/account')).html), 'en');
    const saved = await c.form('/account/language', { uiLocale: 'zh-TW' });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), '/account?language=1');
    const { html } = await c.page('/account?language=1');
    assert.equal(langOf(html), 'zh-TW');
    assert.match(html, /介面語言已儲存/);
    assert.match(html, /<option value="zh-TW" lang="zh-TW" selected>/);
    assert.equal(new UserRepository(s.db).byName('mei')!.uiLocale, 'zh-TW');

    const other = englishBrowser();
    await other.login('mei', 'mei-password');
    assert.equal(langOf((await other.page('/concepts')).html), 'zh-TW', 'another browser, same account');
    await other.fetch('/logout', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': other.csrf } });
    assert.equal(langOf((await other.page('/concepts')).html), 'en', 'logged out: the browser decides again');
  });

  test('the header switch (its cookie) outranks the account; saving on the account page clears it', async () => {
    const c = englishBrowser();
    await c.login('mei', 'mei-password');
    await c.fetch('/concepts?ui=zh-CN');
    assert.equal(c.cookies.get('tb_lang'), 'zh-CN');
    assert.equal(langOf((await c.page('/concepts')).html), 'zh-CN');
    await c.page('/account');
    await c.form('/account/language', { uiLocale: 'zh-TW' });
    assert.equal(c.cookies.has('tb_lang'), false);
    assert.equal(langOf((await c.page('/concepts')).html), 'zh-TW');
  });

  test('"as my browser asks" clears the account language', async () => {
    const c = englishBrowser();
    await c.login('mei', 'mei-password');
    await c.page('/account');
    await c.form('/account/language', { uiLocale: '' });
    assert.equal(new UserRepository(s.db).byName('mei')!.uiLocale, null);
    const { html } = await c.page('/account');
    assert.equal(langOf(html), 'en');
    assert.match(html, /<option value="" selected>/);
  });

  test('a language that is not an interface language is refused in words, and nothing changes', async () => {
    const c = englishBrowser();
    await c.login('mei', 'mei-password');
    await c.page('/account');
    await c.form('/account/language', { uiLocale: 'zh-TW' });
    await c.page('/account');
    for (const uiLocale of ['fr', 'zh-TW"><script>', 'x'.repeat(5000)]) {
      const res = await c.form('/account/language', { uiLocale });
      assert.equal(res.status, 400, uiLocale.slice(0, 20));
      assert.match(await res.text(), /請從清單中選擇一種語言/);
    }
    assert.equal((await c.form('/account/language', {})).status, 400, 'no field at all');
    assert.equal(new UserRepository(s.db).byName('mei')!.uiLocale, 'zh-TW');
  });

  test('a value the server no longer knows, left in the database, is ignored', async () => {
    s.db.prepare("UPDATE users SET ui_locale = 'tlh' WHERE name = 'mei'").run();
    const c = englishBrowser();
    await c.login('mei', 'mei-password');
    assert.equal(langOf((await c.page('/account')).html), 'en');
  });

  test('anonymous visitors cannot set an account language', async () => {
    const c = englishBrowser();
    await c.page('/login');
    const res = await c.form('/account/language', { uiLocale: 'zh-CN' });
    assert.match(res.headers.get('location') ?? '', /^\/login/);
  });
});
