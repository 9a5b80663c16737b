import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { importStream } from '../../db/interchange/import.ts';
import { decodeStream } from '../../glossary/text/decode.ts';

// Issue 13, item 13: invalid UTF-8 became U+FFFD and a UTF-8 file that declares Shift_JIS
// became mojibake, without a word. Now refused, with where.

function* inChunks(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
const stream = (bytes: Buffer, size = 1 << 16) =>
  (async function* () {
    yield* inChunks(bytes, size);
  })();

async function refused(bytes: Buffer, format: 'csv' | 'tbx', code: string, where: RegExp, chunk?: number) {
  const { db } = openDatabase(':memory:');
  await assert.rejects(
    () => importStream(db, stream(bytes, chunk), { format }),
    (e: any) => {
      assert.equal(e.code, code, e.message);
      assert.equal(e.status, 415);
      assert.match(e.message, where);
      return true;
    },
  );
  assert.equal(new ConceptRepository(db).count(), 0, 'nothing written');
  db.close();
}

const tbx = (encoding: string, zh: string) =>
  `<?xml version="1.0" encoding="${encoding}"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>
<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>Tokyo</term></termSec></langSec>
<langSec xml:lang="ja"><termSec><term>${zh}</term></termSec></langSec></conceptEntry>
</body></text></tbx>`;

test('a CSV with an invalid UTF-8 byte is refused with its line and column, nothing written', async () => {
  const bytes = Buffer.concat([Buffer.from('en,zh-CN\nKosovo,科索沃\nSerb'), Buffer.from([0xff]), Buffer.from('ia,塞尔维亚\n')]);
  await refused(bytes, 'csv', 'invalid-encoding', /line 3, column 5/);
});

test('the position is right when the bad byte is in a later chunk, and a sequence cut between chunks is fine', async () => {
  const head = 'en,zh-CN\n'.concat('Kosovo,科索沃\n'.repeat(50));
  const bytes = Buffer.concat([Buffer.from(`${head}Pristina,普里什`), Buffer.from([0xe8, 0x92]), Buffer.from('\n')]);
  await refused(bytes, 'csv', 'invalid-encoding', /line 52, column 13/, 7);
  const { db } = openDatabase(':memory:');
  const report = await importStream(db, stream(Buffer.from(head), 7), { format: 'csv' });
  assert.equal(report.created + report.updated + report.skipped > 0, true);
  db.close();
});

test('a file cut off inside a UTF-8 sequence is refused', async () => {
  const bytes = Buffer.from('en,zh-CN\nKosovo,科索沃\n');
  await refused(bytes.subarray(0, bytes.length - 2), 'csv', 'invalid-encoding', /line 2/);
});

test('overlong forms and surrogates encoded in UTF-8 are invalid', async () => {
  for (const bad of [
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
  ]) {
    await refused(
      Buffer.concat([Buffer.from('en,zh-CN\nA,'), Buffer.from(bad), Buffer.from('\n')]),
      'csv',
      'invalid-encoding',
      /line 2, column 3/,
    );
  }
});

test('a UTF-8 TBX that declares Shift_JIS is refused as a mismatch, pointing at the first non-ASCII character', async () => {
  await refused(Buffer.from(tbx('Shift_JIS', '東京')), 'tbx', 'encoding-mismatch', /line 4, column 39/);
});

test('a real Shift_JIS TBX is still read in its encoding', async () => {
  const { db } = openDatabase(':memory:');
  const report = await importStream(db, stream(iconv.encode(tbx('Shift_JIS', '東京'), 'shift_jis')), { format: 'tbx' });
  assert.equal(report.created, 1);
  assert.ok(new ConceptRepository(db).all()[0]!.terms.some((t) => t.text === '東京'));
  db.close();
});

test('bytes that are not valid in the declared legacy encoding are refused with where they are', async () => {
  const [before, after] = tbx('windows-1252', 'Tok@yo').split('@');
  const bytes = Buffer.concat([Buffer.from(before!, 'latin1'), Buffer.from([0x81]), Buffer.from(after!, 'latin1')]);
  await refused(bytes, 'tbx', 'invalid-encoding', /line 4, column 42: these bytes are not valid windows-1252/);
});

test('property: the streaming check agrees with a fatal TextDecoder on any bytes, in any chunking', async () => {
  const bytesArb = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }).map((s) => Buffer.from(s, 'utf8')),
    fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
    fc
      .tuple(fc.string({ unit: 'binary', maxLength: 20 }), fc.uint8Array({ maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 20 }))
      .map(([a, b, c]) => Buffer.concat([Buffer.from(a), Buffer.from(b), Buffer.from(c)])),
  );
  await fc.assert(
    fc.asyncProperty(bytesArb, fc.integer({ min: 1, max: 8 }), async (raw, size) => {
      // No BOM or UTF-16 look-alike at the start: those pick another decoder.
      const bytes = Buffer.concat([Buffer.from('ab'), raw]);
      let expected: string | null;
      try {
        expected = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        expected = null;
      }
      let got: string | null = '';
      try {
        const d = await decodeStream(stream(bytes, size));
        for await (const t of d.text) got += t;
      } catch (e: any) {
        assert.equal(e.code, 'invalid-encoding');
        got = null;
      }
      assert.equal(got, expected);
    }),
    { numRuns: 300 },
  );
});
