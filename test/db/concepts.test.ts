import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import type { ConceptInput } from '../../glossary/concept/types.ts';

const sofia: ConceptInput = {
  subject: 'place',
  terms: [
    { text: 'Sofia', lang: 'en', status: 'preferred' },
    { text: '索菲亚', lang: 'zh', status: 'preferred' },
    { text: '索非亚', lang: 'zh-Hans', status: 'admitted' },
  ],
};
const as = { actor: 'tester' };

describe('ConceptRepository', () => {
  let repo: ConceptRepository;
  beforeEach(() => {
    repo = new ConceptRepository(openDatabase(':memory:').db);
  });

  test('a new database starts empty', () => {
    assert.equal(repo.count(), 0);
  });

  test('create stores the terms with normalised language tags and records history', () => {
    const c = repo.create(sofia, as);
    assert.equal(c.version, 1);
    assert.deepEqual(
      c.terms.map((t) => [t.text, t.lang, t.status]),
      [
        ['Sofia', 'en', 'preferred'],
        ['索菲亚', 'zh-CN', 'preferred'],
        ['索非亚', 'zh-CN', 'admitted'],
      ],
    );
    const [h] = repo.history(c.id);
    assert.equal(h!.action, 'create');
    assert.equal(h!.actor, 'tester');
    assert.equal(h!.before, null);
    assert.equal(h!.after!.terms.length, 3);
  });

  test('an update based on the current version bumps the version and keeps before/after', () => {
    const c = repo.create(sofia, as);
    const u = repo.update(c.id, 1, { ...sofia, terms: [...sofia.terms, { text: '索菲亞', lang: 'zh-TW', status: 'preferred' }] }, as);
    assert.equal(u.version, 2);
    const [h] = repo.history(c.id);
    assert.equal(h!.action, 'update');
    assert.equal(h!.before!.terms.length, 3);
    assert.equal(h!.after!.terms.length, 4);
    assert.match(h!.summary, /\+索菲亞 \(zh-TW\)/);
  });

  test('an update based on a stale version is refused and changes nothing', () => {
    const c = repo.create(sofia, as);
    repo.update(c.id, 1, { ...sofia, note: 'first' }, as);
    assert.throws(
      () => repo.update(c.id, 1, { ...sofia, note: 'second' }, as),
      (e: any) => {
        assert.equal(e.code, 'version-conflict');
        assert.equal(e.status, 409);
        assert.equal(e.details.current.note, 'first');
        return true;
      },
    );
    assert.equal(repo.get(c.id)!.note, 'first');
    assert.equal(repo.history(c.id).length, 2);
  });

  test('a failing write leaves nothing behind (transaction)', () => {
    const c = repo.create(sofia, as);
    assert.throws(() =>
      repo.update(
        c.id,
        1,
        {
          terms: [
            { text: 'A', lang: 'en', status: 'preferred' },
            { text: 'A', lang: 'en', status: 'admitted' },
          ],
        },
        as,
      ),
    );
    assert.equal(repo.get(c.id)!.terms.length, 3);
    assert.equal(repo.get(c.id)!.version, 1);
  });

  test('a deleted concept can be restored from history with its id and terms', () => {
    const c = repo.create(sofia, as);
    repo.delete(c.id, 1, as);
    assert.equal(repo.get(c.id), null);
    const del = repo.history(c.id)[0]!;
    assert.equal(del.action, 'delete');
    const back = repo.revert(c.id, del.id, as);
    assert.equal(back.id, c.id);
    assert.deepEqual(
      back.terms.map((t) => t.text),
      ['Sofia', '索菲亚', '索非亚'],
    );
    assert.equal(repo.history(c.id)[0]!.action, 'restore');
  });

  test('an update can be reverted to the state before it', () => {
    const c = repo.create(sofia, as);
    const u = repo.update(c.id, 1, { ...sofia, terms: [sofia.terms[0]!] }, as);
    const h = repo.history(c.id)[0]!;
    const back = repo.revert(c.id, h.id, { ...as, expectedVersion: u.version });
    assert.equal(back.terms.length, 3);
    assert.equal(back.version, 3);
  });

  test('list filters by language, status, subject and text, and pages', () => {
    repo.create(sofia, as);
    repo.create(
      {
        subject: 'person',
        terms: [
          { text: 'Vladimir Putin', lang: 'en', status: 'preferred' },
          { text: '普丁', lang: 'zh-TW', status: 'preferred' },
        ],
      },
      as,
    );
    assert.equal(repo.list({ lang: 'zh-TW' }).total, 1);
    assert.equal(repo.list({ status: 'admitted' }).total, 1);
    assert.equal(repo.list({ subject: 'person' }).total, 1);
    assert.equal(repo.list({ q: '索' }).total, 1);
    assert.equal(repo.list({ q: '%' }).total, 0, 'LIKE wildcards are literal');
    const p = repo.list({ limit: 1, page: 2 });
    assert.equal(p.concepts.length, 1);
    assert.equal(p.total, 2);
  });

  test('external ids are unique', () => {
    repo.create({ ...sofia, externalId: 'c1' }, as);
    assert.throws(() => repo.create({ ...sofia, externalId: 'c1' }, as), { code: 'duplicate-external-id' });
  });

  test('createMany skips concepts whose external id is present and runs in one transaction', () => {
    const r1 = repo.createMany(
      [
        { ...sofia, externalId: 'a' },
        { ...sofia, externalId: 'b' },
      ],
      as,
    );
    assert.deepEqual(r1, { created: 2, skipped: 0 });
    const r2 = repo.createMany(
      [
        { ...sofia, externalId: 'a' },
        { ...sofia, externalId: 'c' },
      ],
      as,
    );
    assert.deepEqual(r2, { created: 1, skipped: 1 });
    assert.throws(() => repo.createMany([{ ...sofia, externalId: 'd' }, { terms: [] }], as));
    assert.equal(repo.getByExternalId('d'), null, 'nothing of a failed batch is written');
  });
});
