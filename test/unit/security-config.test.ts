import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig, testConfig } from '../../server/config.ts';

test('by default anonymous visitors are viewers, cookies are Secure over https only, the API is rate limited', () => {
  const c = loadConfig({});
  assert.equal(c.anonymous, 'viewer');
  assert.equal(c.secureCookies, 'auto');
  assert.equal(c.trustProxy, false);
  assert.ok(c.apiRateLimitPerMinute > 0);
});

test('tests default to anonymous editors (feature tests write without logging in) and no rate limit', () => {
  assert.equal(testConfig().anonymous, 'editor');
  assert.equal(testConfig().apiRateLimitPerMinute, 0);
  assert.equal(testConfig({ anonymous: 'viewer' }).anonymous, 'viewer');
});

const settings: [Record<string, string>, Partial<ReturnType<typeof loadConfig>>][] = [
  [{ TERMBRIDGE_ANONYMOUS: 'none' }, { anonymous: 'none' }],
  [{ TERMBRIDGE_ANONYMOUS: ' Editor ' }, { anonymous: 'editor' }],
  [{ TERMBRIDGE_SECURE_COOKIES: 'true' }, { secureCookies: true }],
  [{ TERMBRIDGE_SECURE_COOKIES: 'off' }, { secureCookies: false }],
  [{ TERMBRIDGE_TRUST_PROXY: '1' }, { trustProxy: 1 }],
  [{ TERMBRIDGE_TRUST_PROXY: 'loopback, 10.0.0.0/8' }, { trustProxy: 'loopback, 10.0.0.0/8' }],
  [{ TERMBRIDGE_API_RATE_LIMIT: '0' }, { apiRateLimitPerMinute: 0 }],
  [{ TERMBRIDGE_SESSION_HOURS: '8' }, { sessionIdleHours: 8 }],
];
for (const [env, expected] of settings) {
  test(`${JSON.stringify(env)} is read as ${JSON.stringify(expected)}`, () => {
    const c = loadConfig(env);
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(c[k as keyof typeof c], v);
  });
}

test('a wrong value stops the start with a message naming the variable', () => {
  assert.throws(() => loadConfig({ TERMBRIDGE_ANONYMOUS: 'admin' }), /TERMBRIDGE_ANONYMOUS must be one of none, viewer, editor/);
  assert.throws(() => loadConfig({ TERMBRIDGE_SECURE_COOKIES: 'maybe' }), /TERMBRIDGE_SECURE_COOKIES/);
  assert.throws(() => loadConfig({ TERMBRIDGE_API_RATE_LIMIT: '-5' }), /TERMBRIDGE_API_RATE_LIMIT/);
});
