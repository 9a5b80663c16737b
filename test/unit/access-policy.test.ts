import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Request } from 'express';
import { type Access, accessFor } from '../../server/middleware/access.ts';

const req = (method: string, url: string, body?: unknown) => {
  const u = new URL(url, 'http://x');
  return { method, path: u.pathname, query: Object.fromEntries(u.searchParams), body } as unknown as Request;
};

const table: [string, string, Access, unknown?][] = [
  ['GET', '/', 'read'],
  ['GET', '/concepts/3/history', 'read'],
  ['HEAD', '/api/export', 'read'],
  ['POST', '/api/highlight', 'read'],
  ['POST', '/api/align', 'read'],
  ['POST', '/api/lookup', 'read'],
  ['POST', '/review', 'read'],
  ['POST', '/align', 'read'],
  ['POST', '/api/import?dryRun=1', 'read'],
  ['POST', '/import?dry-run', 'read'],
  ['POST', '/api/import', 'write'],
  ['POST', '/api/candidates/extract', 'read', { text: 'x', store: false }],
  ['POST', '/api/candidates/extract', 'write', { text: 'x' }],
  ['POST', '/candidates', 'write', { text: 'x', store: false }],
  ['POST', '/api/import?dryRun=0', 'write'],
  ['POST', '/import', 'write'],
  ['PUT', '/api/highlight', 'write'],
  ['POST', '/api/highlight/extra', 'write'],
  ['POST', '/review/save', 'write'],
  ['POST', '/concepts', 'write'],
  ['POST', '/concepts/3/history/9/revert', 'write'],
  ['DELETE', '/api/concepts/3', 'write'],
  ['POST', '/candidates/4/accept', 'write'],
  ['POST', '/api/something-new', 'write'],
  ['GET', '/users', 'admin'],
  ['POST', '/users/ann/role', 'admin'],
  ['GET', '/api/users', 'admin'],
  ['GET', '/account', 'account'],
  ['POST', '/account/password', 'account'],
  ['GET', '/login', 'public'],
  ['POST', '/login', 'public'],
  ['POST', '/logout', 'public'],
  ['GET', '/healthz', 'public'],
  ['GET', '/static/app.css', 'public'],
];

for (const [method, url, access, body] of table) {
  test(`${method} ${url}${body ? ` ${JSON.stringify(body)}` : ''} needs ${access}`, () => {
    assert.equal(accessFor(req(method, url, body)), access);
  });
}

test('the policy cannot be dodged by spelling a path the way the router also accepts (case, trailing slash)', () => {
  for (const [method, url, access] of [
    ['GET', '/USERS', 'admin'],
    ['GET', '/Users/', 'admin'],
    ['POST', '/API/Users/ann', 'admin'],
    ['GET', '/Account', 'account'],
    ['POST', '/API/CONCEPTS', 'write'],
    ['POST', '/API/HIGHLIGHT', 'read'],
  ] as const) {
    assert.equal(accessFor(req(method, url)), access, `${method} ${url}`);
  }
});
