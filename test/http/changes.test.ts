import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { ConceptRepository } from '../../db/concepts.ts';
import { UserRepository } from '../../db/users.ts';
import { addUser, Client } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';

describe('the audit: recent changes and their CSV export', () => {
  let s: TestServer;
  let id: number;
  before(async () => {
    s = await startServer({ config: { anonymous: 'viewer' } });
    await addUser(s.db, 'ed', 'editor');
    await addUser(s.db, 'ann', 'admin');
    const repo = new ConceptRepository(s.db);
    // Changes through HTTP as two users, so that the actor comes from the session.
    const ed = new Client(s.url);
    await ed.login('ed', 'ed-password');
    const created = await (await ed.json('POST', '/api/concepts', { terms: [{ text: 'Sofia', lang: 'en', status: 'preferred' }] })).json();
    id = created.id;
    await ed.json('PUT', `/api/concepts/${id}`, {
      version: 1,
      terms: [
        { text: 'Sofia', lang: 'en', status: 'preferred' },
        { text: '索菲亚', lang: 'zh-CN', status: 'preferred' },
      ],
    });
    const ann = new Client(s.url);
    await ann.login('ann', 'ann-password');
    await ann.json('POST', '/api/concepts', {
      note: '=HYPERLINK("http://evil.example","x")',
      terms: [{ text: '@SUM(A1)', lang: 'en', status: 'preferred' }],
    });
    repo.create({ terms: [{ text: 'Old', lang: 'en', status: 'preferred' }] }, { actor: 'import' });
    // Backdate one change to test the date filter.
    s.db.prepare("UPDATE concept_history SET at = '2020-01-02T10:00:00.000Z' WHERE actor = 'import'").run();
    new UserRepository(s.db).setRole('ed', 'viewer', 'ann');
  });
  after(() => s.close());

  // Account events (user-add, user-role) are for admins only (test/http/attacks.test.ts): read as one.
  const asAdmin = async () => {
    const c = new Client(s.url);
    await c.login('ann', 'ann-password');
    return c;
  };

  test('every change is listed with its user, newest first', async () => {
    const { html } = await (await asAdmin()).page('/changes');
    const rows = [...html.matchAll(/<tr class="change kind-(\w+)">\s*<td>[^<]*<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>/g)].map(
      (m) => `${m[2]} ${m[3]}`,
    );
    assert.deepEqual(rows, ['ann user-role', 'ann create', 'ed update', 'ed create', 'test user-add', 'test user-add', 'import create']);
  });

  const filters: [string, string, string[]][] = [
    ['user', '?user=ed', ['ed update', 'ed create']],
    ['action', '?action=update', ['ed update']],
    ['date range (to, inclusive)', '?to=2020-01-02', ['import create']],
    ['date range (from)', '?from=2020-01-03&action=create', ['ann create', 'ed create']],
    ['user and action', '?user=ann&action=user-role', ['ann user-role']],
  ];
  for (const [what, query, expected] of filters) {
    test(`the list filters by ${what}, and the CSV export follows the same filter`, async () => {
      const c = await asAdmin();
      const { html } = await c.page(`/changes${query}`);
      const rows = [...html.matchAll(/<tr class="change kind-\w+">\s*<td>[^<]*<\/td>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>/g)].map(
        (m) => `${m[1]} ${m[2]}`,
      );
      assert.deepEqual(rows, expected);
      const csv = await c.fetch(`/changes.csv${query}`);
      const records = parse((await csv.text()).replace(/^\ufeff/, ''), { columns: true }) as Record<string, string>[];
      assert.deepEqual(
        records.map((r) => `${r.user} ${r.action}`),
        expected,
      );
    });
  }

  test('the CSV has before and after of each change, and formulas in user text stay text', async () => {
    const res = await (await asAdmin()).fetch('/changes.csv');
    assert.match(res.headers.get('content-type')!, /^text\/csv/);
    assert.match(res.headers.get('content-disposition')!, /attachment; filename="termbridge-changes-/);
    const records = parse((await res.text()).replace(/^\ufeff/, ''), { columns: true }) as Record<string, string>[];
    const update = records.find((r) => r.action === 'update')!;
    assert.equal(update.user, 'ed');
    assert.equal(update.concept_id, String(id));
    assert.equal(JSON.parse(update.before!).terms.length, 1);
    assert.equal(JSON.parse(update.after!).terms[1].text, '索菲亚');
    const role = records.find((r) => r.action === 'user-role')!;
    assert.deepEqual([JSON.parse(role.before!).role, JSON.parse(role.after!).role], ['editor', 'viewer']);
    for (const r of records) for (const v of Object.values(r)) assert.doesNotMatch(v, /^[=+\-@]/, `cell ${v} would run as a formula`);
    assert.ok(
      records.some((r) => r.after?.includes('=HYPERLINK')),
      'the text is kept',
    );
  });

  test('bad filters are a 400, not a crash', async () => {
    const c = new Client(s.url);
    assert.equal((await c.fetch('/changes?from=yesterday')).status, 400);
    assert.equal((await c.fetch('/changes.csv?page=-1')).status, 400);
  });
});
