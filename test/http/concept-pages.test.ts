import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConceptRepository } from '../../db/concepts.ts';
import { startServer, type TestServer } from '../support/server.ts';

const form = (fields: Record<string, string>) =>
  ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  }) as const;

const termFields = (rows: [string, string, string][]) =>
  Object.fromEntries(
    rows.flatMap(([text, lang, status], i) => [
      [`terms[${i}][text]`, text],
      [`terms[${i}][lang]`, lang],
      [`terms[${i}][status]`, status],
    ]),
  );

describe('concept pages', () => {
  let s: TestServer;
  let repo: ConceptRepository;
  before(async () => {
    s = await startServer();
    repo = new ConceptRepository(s.db);
  });
  after(() => s.close());

  test('creating a concept through the form redirects to it; blank spare rows are ignored', async () => {
    const res = await fetch(
      `${s.url}/concepts`,
      form({
        subject: 'place',
        ...termFields([
          ['Belgrade', 'en', 'preferred'],
          ['贝尔格莱德', 'zh-CN', 'preferred'],
          ['', '', 'preferred'],
        ]),
      }),
    );
    assert.equal(res.status, 303);
    const location = res.headers.get('location')!;
    const page = await (await fetch(`${s.url}${location}`)).text();
    assert.match(page, /贝尔格莱德/);
    assert.match(page, /Saved\./);
  });

  test('an edit of a stale version answers 409, keeps what was typed and shows the saved state', async () => {
    const c = repo.create({ terms: [{ text: 'Sofia', lang: 'en', status: 'preferred' }] }, { actor: 't' });
    repo.update(
      c.id,
      1,
      {
        terms: [
          { text: 'Sofia', lang: 'en', status: 'preferred' },
          { text: '索菲亚', lang: 'zh-CN', status: 'preferred' },
        ],
      },
      { actor: 'other' },
    );
    const res = await fetch(
      `${s.url}/concepts/${c.id}`,
      form({
        version: '1',
        ...termFields([
          ['Sofia', 'en', 'preferred'],
          ['索非亚', 'zh-CN', 'admitted'],
        ]),
      }),
    );
    assert.equal(res.status, 409);
    const html = await res.text();
    assert.match(html, /Someone else changed this concept/);
    assert.match(html, /value="索非亚"/, 'the user’s input is still in the form');
    assert.match(html, /索菲亚/, 'the saved state is shown');
    assert.match(html, /name="version" value="2"/, 'saving again is based on the current version');
    assert.equal(repo.get(c.id)!.terms.length, 2, 'nothing was overwritten');
  });

  test('deleting is recorded and can be undone from the history page', async () => {
    const c = repo.create({ terms: [{ text: 'Troika', lang: 'en', status: 'preferred' }] }, { actor: 't' });
    const del = await fetch(`${s.url}/concepts/${c.id}/delete`, form({ version: '1' }));
    assert.equal(del.status, 303);
    assert.equal((await fetch(`${s.url}/concepts/${c.id}`)).status, 404);
    const history = await (await fetch(`${s.url}${del.headers.get('location')}`)).text();
    assert.match(history, /Undo delete/);
    const entry = repo.history(c.id)[0]!;
    const undo = await fetch(`${s.url}/concepts/${c.id}/history/${entry.id}/revert`, form({}));
    assert.equal(undo.status, 303);
    assert.equal(repo.get(c.id)!.terms[0]!.text, 'Troika');
  });

  const badForms: [string, string, Record<string, string>, number][] = [
    ['a form without terms', '/concepts', { subject: 'x' }, 400],
    ['a term with a bad language tag', '/concepts', termFields([['x', 'klingon!', 'preferred']]), 400],
    ['a term with a bad status', '/concepts', termFields([['x', 'en', 'great']]), 400],
    [
      'the same term twice',
      '/concepts',
      termFields([
        ['x', 'en', 'preferred'],
        ['x', 'en', 'admitted'],
      ]),
      400,
    ],
    ['an edit without version', '/concepts/1', termFields([['x', 'en', 'preferred']]), 400],
    ['an edit of a missing concept', '/concepts/99999', { version: '1', ...termFields([['x', 'en', 'preferred']]) }, 404],
    ['a delete with a bad version', '/concepts/1/delete', { version: 'x' }, 400],
    ['a revert of a missing history entry', '/concepts/1/history/99999/revert', {}, 404],
    ['a non-numeric id', '/concepts/abc', { version: '1' }, 400],
  ];
  for (const [name, path, fields, status] of badForms) {
    test(`bad form input: ${name} → ${status} page, no stack trace`, async () => {
      const res = await fetch(`${s.url}${path}`, form(fields));
      assert.equal(res.status, status);
      const html = await res.text();
      assert.match(html, /<html/);
      assert.doesNotMatch(html, /\n\s+at \S+ \(/);
    });
  }

  test('bad filters on the list page get 400, not 500', async () => {
    const res = await fetch(`${s.url}/concepts?page=zero`);
    assert.equal(res.status, 400);
  });

  test('an unknown page is a 404 page', async () => {
    const res = await fetch(`${s.url}/no-such-page`, { headers: { accept: 'text/html' } });
    assert.equal(res.status, 404);
    assert.match(await res.text(), /<html/);
  });
});
