import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { exportGlossary } from '../../db/interchange/export.ts';
import { importFile, importStream } from '../../db/interchange/import.ts';
import { seedStarterGlossary } from '../../db/seed.ts';

/**
 * The lossless CSV layout (one term per row, every field) imports back exactly: the starter
 * glossary and the glossary each file of the shared corpus makes (read in place; it holds GPL
 * files, never copied here) are exported as csv-lossless, imported into an empty database and
 * compared field by field — concept fields, kept data categories, every term field, term order.
 * Only what the database assigns (numeric ids, versions, timestamps, history) is left aside.
 * Imported back into the database it came from, the same file changes nothing.
 */
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const corpusSkip = existsSync(CORPUS) ? false : `shared corpus not found at ${CORPUS}`;
const CORPUS_FILES = existsSync(CORPUS)
  ? ['tbx', 'csv'].flatMap((d) =>
      readdirSync(CORPUS + d)
        .filter((f) => /\.(tbx|csv|tsv|tab|txt)$/.test(f) && !/INVALID|notwellformed/i.test(f))
        .map((f) => `${d}/${f}`),
    )
  : [];

type Db = ReturnType<typeof openDatabase>['db'];

async function losslessCsv(db: Db): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportGlossary(db, out, { format: 'csv-lossless' });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/** Every stored field of every concept and term, in stored order, without what the database assigns. */
function model(db: Db) {
  return new ConceptRepository(db)
    .all()
    .map(({ id: _id, version: _v, createdAt: _c, updatedAt: _u, terms, ...concept }) => ({
      ...concept,
      terms: terms.map(({ id: _tid, ...t }) => t),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function roundTrip(db: Db) {
  const csv = await losslessCsv(db);
  const { db: back } = openDatabase(':memory:');
  const report = await importStream(
    back,
    (async function* () {
      yield Buffer.from(csv);
    })(),
    { format: 'csv' },
  );
  assert.deepEqual(report.errors, []);
  assert.match(report.format?.layout ?? '', /lossless/, 'the layout is recognised as ours');
  const result = { before: model(db), after: model(back) };
  back.close();
  // Back where it came from, every concept is itself again: nothing new, nothing changed.
  const home = await importStream(
    db,
    (async function* () {
      yield Buffer.from(csv);
    })(),
    { format: 'csv' },
  );
  assert.deepEqual([home.created, home.updated], [0, 0], 'imported back into its own database: all unchanged');
  assert.deepEqual(model(db), result.before);
  return result;
}

describe('lossless CSV round trip', () => {
  test('the starter glossary comes back field by field', async () => {
    const { db } = openDatabase(':memory:');
    seedStarterGlossary(db);
    const { before, after } = await roundTrip(db);
    assert.ok(before.length > 0);
    assert.deepEqual(after, before);
    db.close();
  });

  test('the round trip can fail: a changed cell is seen', async () => {
    const { db } = openDatabase(':memory:');
    seedStarterGlossary(db);
    const before = model(db);
    const csv = (await losslessCsv(db)).replace(/,preferred,/, ',admitted,');
    const { db: back } = openDatabase(':memory:');
    await importStream(
      back,
      (async function* () {
        yield Buffer.from(csv);
      })(),
      { format: 'csv' },
    );
    assert.notDeepEqual(model(back), before);
    back.close();
    db.close();
  });

  describe('every glossary the shared corpus makes', { skip: corpusSkip }, () => {
    test('the corpus has files', () => assert.ok(CORPUS_FILES.length >= 40, `found ${CORPUS_FILES.length}`));
    for (const file of CORPUS_FILES) {
      test(`${file}: import, lossless CSV, import again: the same glossary`, async () => {
        const { db } = openDatabase(':memory:');
        await importFile(db, CORPUS + file);
        const { before, after } = await roundTrip(db);
        assert.deepEqual(after, before);
        db.close();
      });
    }
  });
});
