import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConceptRepository } from '../../db/concepts.ts';
import { addUser, Client } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';

const CLIENTS = 8;
const EDITS_PER_CLIENT = 200;
const CONCEPTS = 4;
const MAX_TRIES = 200;

let s: TestServer;
let ids: number[];
before(async () => {
  s = await startServer({ config: { anonymous: 'viewer' } });
  const repo = new ConceptRepository(s.db);
  ids = Array.from(
    { length: CONCEPTS },
    (_, i) => repo.create({ note: '0', terms: [{ text: `Concept ${i}`, lang: 'en', status: 'preferred' }] }, { actor: 'seed' }).id,
  );
});
after(() => s.close());

/**
 * Each edit is a read-modify-write: read the concept, add one to the counter in its note, PUT
 * it back with the version read. A lost update would show as a counter below the number of
 * accepted edits; a 409 means "read again and retry", as a careful client does.
 */
test(`${CLIENTS} clients × ${EDITS_PER_CLIENT} edits on ${CONCEPTS} concepts over HTTP: every accepted edit is in the history, none is lost`, async () => {
  const accepted: { client: string; id: number; tag: string; version: number }[] = [];
  let conflicts = 0;

  async function runClient(k: number): Promise<void> {
    const name = `editor${k}`;
    await addUser(s.db, name, 'editor');
    const c = new Client(s.url);
    assert.equal((await c.login(name, `${name}-password`)).status, 303);
    for (let j = 0; j < EDITS_PER_CLIENT; j++) {
      const id = ids[(k + j) % CONCEPTS]!;
      const tag = `${name}/${j}`;
      // Read, modify, write back with the version read.
      let current = await (await c.json('GET', `/api/concepts/${id}`)).json();
      for (let attempt = 0; ; attempt++) {
        assert.ok(attempt < MAX_TRIES, `${tag} never got through`);
        const res = await c.json('PUT', `/api/concepts/${id}`, {
          version: current.version,
          note: String(Number(current.note) + 1),
          definition: tag,
          terms: current.terms.map(({ text, lang, status }: { text: string; lang: string; status: string }) => ({ text, lang, status })),
        });
        const body = await res.json();
        if (res.status === 200) {
          accepted.push({ client: name, id, tag, version: body.version });
          break;
        }
        assert.equal(res.status, 409, JSON.stringify(body));
        assert.equal(body.error.code, 'version-conflict');
        conflicts++;
        // Re-read (the 409 answer carries the current state) and retry after a short random
        // pause, so that the same client does not lose every race.
        current = body.error.current;
        await sleep(Math.random() * Math.min(5, attempt + 1));
      }
    }
  }

  await Promise.all(Array.from({ length: CLIENTS }, (_, k) => runClient(k)));

  const repo = new ConceptRepository(s.db);
  assert.equal(accepted.length, CLIENTS * EDITS_PER_CLIENT);
  console.log(`# ${accepted.length} edits accepted, ${conflicts} stale writes refused with 409 and retried`);
  for (const id of ids) {
    const mine = accepted.filter((a) => a.id === id);
    const concept = repo.require(id);
    // No lost update: the counter counts every accepted read-modify-write.
    assert.equal(Number(concept.note), mine.length, `concept ${id}: counter`);
    assert.equal(concept.version, 1 + mine.length, `concept ${id}: version`);
    const updates = repo
      .history(id)
      .filter((h) => h.action === 'update')
      .reverse();
    assert.equal(updates.length, mine.length, `concept ${id}: one history entry per accepted edit`);
    // Every accepted edit is in the history with its author, at the version the server answered…
    const byVersion = new Map(updates.map((h) => [h.version, h]));
    for (const a of mine) {
      const h = byVersion.get(a.version);
      assert.ok(h, `${a.tag} is in the history`);
      assert.equal(h.after?.definition, a.tag);
      assert.equal(h.actor, a.client);
    }
    // …and the history is one unbroken chain: each edit started from the previous one's result.
    for (let i = 1; i < updates.length; i++) {
      assert.equal(updates[i]!.version, updates[i - 1]!.version + 1);
      assert.equal(updates[i]!.before?.note, updates[i - 1]!.after?.note);
      assert.equal(Number(updates[i]!.after?.note), Number(updates[i]!.before?.note) + 1);
    }
  }
});
