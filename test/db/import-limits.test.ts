import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { importStream } from '../../db/interchange/import.ts';
import { conceptLimitProblem, LIMITS } from '../../glossary/concept/limits.ts';
import type { ConceptInput } from '../../glossary/concept/types.ts';
import { conceptBodySchema } from '../../server/schemas/concept.ts';

// Issue 13, item 3: the API refused a 501-character term, the import stored a 1.8M-character
// one (and a 30 MB conceptEntry id, returned by every lookup that hit it). One table of
// limits now holds on every path in.

const bytes = (s: string) =>
  (async function* () {
    yield Buffer.from(s);
  })();

const tbx = (entries: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>${entries}</body></text></tbx>`;
const entry = (id: string, en: string, zh = '科索沃') =>
  `<conceptEntry id="${id}"><langSec xml:lang="en"><termSec><term>${en}</term></termSec></langSec>` +
  `<langSec xml:lang="zh-CN"><termSec><term>${zh}</term></termSec></langSec></conceptEntry>`;

const isCode = (code: string) => (e: any) => e?.code === code && e.status >= 400 && e.status < 500;
/** nothing stored, and the refusal does not carry the hostile value back */
async function refusedWhole(file: string, format: 'tbx' | 'csv') {
  const { db } = openDatabase(':memory:');
  let message = '';
  await assert.rejects(
    () => importStream(db, bytes(file), { format }),
    (e: any) => {
      message = `${e.message} ${JSON.stringify(e.details ?? {})}`;
      return isCode('import-refused')(e);
    },
  );
  assert.equal(new ConceptRepository(db).count(), 0, 'nothing written');
  assert.ok(message.length < 2000, `a short refusal (${message.length} characters)`);
  db.close();
  return message;
}

test('a TBX term longer than the API accepts is refused on import, and nothing is written', async () => {
  const long = 'K'.repeat(1_800_000);
  const message = await refusedWhole(tbx(entry('ok', 'Kosovo', '科索沃') + entry('long', long, '长')), 'tbx');
  assert.match(message, /term 1 \(en\): the text is 1,800,000 characters long \(at most 500\)/);
});

test('a huge conceptEntry id is refused, not stored, and the report quotes only its start', async () => {
  const id = 'x'.repeat(3_000_000);
  const message = await refusedWhole(tbx(entry(id, 'Kosovo')), 'tbx');
  assert.match(message, /the concept id is 3,000,000 characters long \(at most 200\)/);
  assert.match(message, /id="x{60}… \(3,000,000 characters\)"/);
});

test('with --partial, the oversized entry is skipped and reported; the others are imported', async () => {
  const { db } = openDatabase(':memory:');
  const file = tbx(entry('ok', 'Kosovo') + entry('long', 'K'.repeat(LIMITS.termText + 1), '长'));
  const report = await importStream(db, bytes(file), { format: 'tbx', partial: true });
  assert.equal(report.created, 1);
  assert.equal(report.errors.length, 1);
  assert.match(report.errors[0]!.message, /at most 500/);
  const all = new ConceptRepository(db).all();
  assert.deepEqual(
    all.map((c) => c.externalId),
    ['ok'],
  );
  db.close();
});

test('a CSV term, note or definition over its limit is refused the same way', async () => {
  await refusedWhole(`en,zh-CN\nKosovo,科索沃\n${'K'.repeat(LIMITS.termText + 1)},长\n`, 'csv');
  await refusedWhole(`en,zh-CN,note\nKosovo,科索沃,${'n'.repeat(LIMITS.termNote + 1)}\n`, 'csv');
});

test('an attribute of a million characters counts towards the entry size limit of the TBX reader', async () => {
  const { db } = openDatabase(':memory:');
  const file = tbx(
    `<conceptEntry id="c1" junk="${'j'.repeat(5_000_000)}"><langSec xml:lang="en"><termSec><term>A</term></termSec></langSec></conceptEntry>`,
  );
  await assert.rejects(() => importStream(db, bytes(file), { format: 'tbx' }), isCode('entry-too-large'));
  assert.equal(new ConceptRepository(db).count(), 0);
  db.close();
});

test('every other way in (the repository behind the CLI, seeds and candidates) refuses the same lengths', () => {
  const repo = new ConceptRepository(openDatabase(':memory:').db);
  const over: ConceptInput[] = [
    { terms: [{ text: 'K'.repeat(LIMITS.termText + 1), lang: 'en', status: 'preferred' }] },
    { externalId: 'x'.repeat(LIMITS.externalId + 1), terms: [{ text: 'K', lang: 'en', status: 'preferred' }] },
    { definition: 'd'.repeat(LIMITS.definition + 1), terms: [{ text: 'K', lang: 'en', status: 'preferred' }] },
    { terms: [{ text: 'K', lang: 'en', status: 'preferred', note: 'n'.repeat(LIMITS.termNote + 1) }] },
  ];
  for (const c of over) assert.throws(() => repo.create(c, { actor: 't' }), isCode('invalid-input'));
  assert.equal(repo.count(), 0);
  const c = repo.create({ terms: [{ text: ` ${'K'.repeat(LIMITS.termText)} `, lang: 'en', status: 'preferred' }] }, { actor: 't' });
  assert.equal(c.terms[0]!.text.length, LIMITS.termText, 'exactly at the limit (after trimming) is accepted');
});

test('property: the API schema and the domain limits accept exactly the same lengths', () => {
  const fields = ['text', 'note', 'source', 'externalId', 'definition', 'subject'] as const;
  const limitOf = {
    text: LIMITS.termText,
    note: LIMITS.termNote,
    source: LIMITS.termSource,
    externalId: LIMITS.externalId,
    definition: LIMITS.definition,
    subject: LIMITS.subject,
  };
  fc.assert(
    fc.property(fc.constantFrom(...fields), fc.integer({ min: -3, max: 3 }), fc.nat(2), (field, delta, pad) => {
      const value = `${' '.repeat(pad)}${'a'.repeat(limitOf[field] + delta)}${' '.repeat(pad)}`;
      const term: Record<string, unknown> = { text: 'K', lang: 'en', status: 'preferred' };
      const body: Record<string, unknown> = { terms: [term] };
      if (field === 'text' || field === 'note' || field === 'source') term[field] = value;
      else body[field] = value;
      const api = conceptBodySchema.safeParse(body).success;
      const domain = conceptLimitProblem(body as unknown as ConceptInput) === null;
      assert.equal(api, domain, `${field} of ${value.length} characters: API ${api}, domain ${domain}`);
      assert.equal(domain, limitOf[field] + delta <= limitOf[field]);
    }),
  );
});
