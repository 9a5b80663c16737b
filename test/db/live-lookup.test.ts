import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ConceptRepository } from '../../db/concepts.ts';
import { type Database, openDatabase } from '../../db/connection.ts';
import {
  closeLookupWorker,
  liveLookup,
  lookupRebuilding,
  MAX_OVERLAY,
  rebuildLookup,
  serveLookupInBackground,
} from '../../db/live-lookup.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { buildPackedSnapshot } from '../../db/snapshot-build.ts';
import { packedConceptSource, readSnapshotFile, snapshotFilePath, writeSnapshotFile } from '../../db/snapshot-format.ts';
import { buildLookupIndex, type LookupIndex, lookupIndexFrom } from '../../glossary/lookup/index.ts';

/**
 * Issue 14: the lookup index of the server and the CLI is read from a cache file, brought up
 * to date by an overlay of the concepts changed since, and rebuilt in a worker thread while
 * the previous one serves. Each path must answer exactly what a fresh build answers.
 */
let dir: string;
let path: string;
let reader: Database;
let writer: Database;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'termbridge-live-lookup-'));
  path = join(dir, 'glossary.db');
  reader = openDatabase(path).db;
  seedStarterGlossary(reader);
  writer = openDatabase(path).db;
});
after(async () => {
  await closeLookupWorker();
  reader.close();
  writer.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Queries of every tier and script: exact, prefix, infix, pinyin, initials, fuzzy. */
const QUERIES = [
  '科索沃',
  '科索',
  'Kosovo',
  'kos',
  'Pristina',
  'Prishtna',
  'kesuowo',
  'ksw',
  '联合国',
  'United Nations',
  '普京',
  'Putin',
  'Mitrovica',
];

const page = (index: LookupIndex, q: string) => index.search(q, 10).map((r) => `${r.id}:${r.matched}:${r.match}:${r.score}`);
const fresh = (db: Database) => buildLookupIndex(new ConceptRepository(db).all());

function assertSameAnswers(actual: LookupIndex, expected: LookupIndex, queries = QUERIES): void {
  assert.equal(actual.size, expected.size, 'size');
  for (const q of queries) assert.deepEqual(page(actual, q), page(expected, q), q);
}

test('a cache file read back answers as the index it was written from', () => {
  const packed = buildPackedSnapshot(reader, new ConceptRepository(reader));
  const file = join(dir, 'round-trip.cache');
  writeSnapshotFile(file, packed);
  const read = readSnapshotFile(file);
  assert.ok(read, 'read back');
  assert.equal(read.revision, packed.revision);
  assertSameAnswers(lookupIndexFrom(read.index, packedConceptSource(read.concepts)), fresh(reader));
});

test('a damaged or foreign cache file is ignored, not trusted', () => {
  const file = join(dir, 'damaged.cache');
  writeFileSync(file, 'not a snapshot');
  assert.equal(readSnapshotFile(file), undefined);
  const packed = buildPackedSnapshot(reader, new ConceptRepository(reader));
  writeSnapshotFile(file, packed);
  writeFileSync(file, Buffer.from('TBSNAP\r\n\x05\x00\x00\x00{"fo"'), { flag: 'r+' });
  assert.equal(readSnapshotFile(file), undefined, 'a header that does not parse');
  assert.equal(readSnapshotFile(join(dir, 'missing.cache')), undefined);
});

test('the first lookup writes the cache file; edits on another connection show through the overlay', () => {
  const live = liveLookup(reader);
  assert.ok(existsSync(snapshotFilePath(path)), 'cache file written next to the database');
  assertSameAnswers(live, fresh(reader));

  const repo = new ConceptRepository(writer);
  const created = repo.create(
    {
      terms: [
        { text: '泽尔纳维察', lang: 'zh-CN', status: 'preferred' },
        { text: 'Zhernavica', lang: 'en', status: 'preferred' },
      ],
    },
    { actor: 'cli' },
  );
  const kosovo = repo.require(live.search('Kosovo', 1)[0]!.id);
  const renamed = repo.update(
    kosovo.id,
    kosovo.version,
    { ...kosovo, terms: [...kosovo.terms, { text: 'Kosova', lang: 'sq', status: 'admitted' }] },
    { actor: 'cli' },
  );
  const pristina = liveLookup(reader).search('Pristina', 1)[0]!;
  repo.delete(pristina.id, undefined, { actor: 'cli' });

  const after = liveLookup(reader);
  assert.notEqual(after, live, 'a new revision, a new answer');
  assert.equal(after.search('泽尔纳维察', 1)[0]?.id, created.id, 'a new concept');
  assert.ok(
    after.search('Kosova', 5).some((r) => r.id === renamed.id),
    'an edited concept',
  );
  assert.ok(!after.search('Pristina', 10).some((r) => r.id === pristina.id), 'a deleted concept');
  assertSameAnswers(after, fresh(reader), [...QUERIES, '泽尔纳维察', 'Zhernavica', 'Kosova', 'zeer']);
  assert.equal(liveLookup(reader), after, 'no change, the same index');
});

test('while the worker rebuilds after a bulk import, readers are answered from the previous index', async () => {
  serveLookupInBackground(reader);
  const before = liveLookup(reader);
  // More changed concepts than the overlay takes: a full build is due, and it goes to the worker.
  const inputs = Array.from({ length: MAX_OVERLAY + 1 }, (_, i) => ({
    externalId: `bulk-${i}`,
    terms: [{ text: `Bulkimport Concept ${i}`, lang: 'en', status: 'preferred' as const }],
  }));
  new ConceptRepository(writer).createMany(inputs, { actor: 'cli' });
  const during = liveLookup(reader);
  assert.equal(during, before, 'the previous index answers');
  assert.ok(lookupRebuilding(reader), 'a rebuild is under way');
  assert.deepEqual(during.search('Bulkimport Concept 7', 1), [], 'the import is not in it yet');
  assert.equal(await rebuildLookup(reader), true, 'the worker built it');
  assert.ok(!lookupRebuilding(reader));
  const done = liveLookup(reader);
  assert.equal(done.search('Bulkimport Concept 7', 1)[0]?.matched, 'Bulkimport Concept 7', 'the rebuilt index has the import');
  assertSameAnswers(done, fresh(reader), [...QUERIES, 'Bulkimport', 'Bulkimport Concept 2000']);
  const cached = readSnapshotFile(snapshotFilePath(path));
  assert.equal(cached?.revision, new ConceptRepository(reader).revision(), 'the worker wrote the new cache file');
});

test('a cache file of another history at the same revision is not trusted (a restored backup)', () => {
  const a = openDatabase(join(dir, 'a.db')).db;
  const b = openDatabase(join(dir, 'b.db')).db;
  try {
    seedStarterGlossary(a);
    seedStarterGlossary(b);
    new ConceptRepository(a).create({ terms: [{ text: 'Onlyina Republic', lang: 'en', status: 'preferred' }] }, { actor: 'cli' });
    new ConceptRepository(b).delete(1, undefined, { actor: 'cli' });
    assert.equal(new ConceptRepository(a).revision(), new ConceptRepository(b).revision(), 'the same revision number');
    writeSnapshotFile(snapshotFilePath(join(dir, 'b.db')), buildPackedSnapshot(a, new ConceptRepository(a)));
    const index = liveLookup(b);
    assert.deepEqual(index.search('Onlyina Republic', 3), [], "a's concept is not b's");
    assertSameAnswers(index, fresh(b));
  } finally {
    a.close();
    b.close();
  }
});
