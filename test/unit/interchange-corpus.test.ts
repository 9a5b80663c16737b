import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/connection.ts';
import { importFile } from '../../db/interchange/import.ts';

/**
 * Every file of the shared TBX/CSV corpus. Expected figures were counted by reading the files
 * (entries = termEntry/conceptEntry elements or data rows; terms = non-empty <term> elements
 * or filled term cells), not by running the importer. `concepts` is what an empty database
 * holds afterwards: rows whose source term repeats an earlier row merge into that concept.
 * The corpus holds GPL files, so it is read in place and never copied into the repo.
 */
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const skip = existsSync(CORPUS) ? false : `shared corpus not found at ${CORPUS}`;
/** The permissively licensed files (the INVALID ones among them) are also copied here, so those tests always run. */
const FIXTURES = fileURLToPath(new URL('../fixtures/interchange/', import.meta.url));

// file, entries in the file, concepts in the db, terms in the db
const VALID: [string, number, number, number][] = [
  ['tbx/martif-cdv04_weblate-cs.tbx', 4, 4, 8],
  ['tbx/martif-cdv04_xmlintl-falcon.tbx', 6, 6, 6],
  ['tbx/tbx-heartsome_en-US_zh-CN.tbx', 314, 314, 628],
  ['tbx/tbx2008-basic_mrc2tbx-foodterms.tbx', 2, 2, 5],
  ['tbx/tbx2008-basic_samples.tbx', 5, 5, 13],
  ['tbx/tbx2008-default-ns_weblate-fr-extended-metadata.tbx', 3, 3, 6],
  ['tbx/tbx2008-default_iate-export-mini.tbx', 2, 2, 23],
  ['tbx/tbx2008-default_lisa-fromSDL.tbx', 223, 223, 472],
  ['tbx/tbx2008-default_lisa-ibm.tbx', 5, 5, 11],
  ['tbx/tbx2008-default_lisa-maryland.tbx', 1, 1, 13],
  ['tbx/tbx2008-default_lisa-medtronic.tbx', 3, 3, 62],
  ['tbx/tbx2008-default_lisa-oracle.tbx', 2, 2, 6],
  ['tbx/tbx2008-default_lisa-sample-valid.tbx', 1, 1, 2],
  ['tbx/tbx2008-default_okapi-win1254.tbx', 1, 1, 2],
  ['tbx/tbx2008-default_omegat-sample-bom.tbx', 1, 1, 2],
  ['tbx/tbx2008-default_taas-export.tbx', 1, 1, 2],
  ['tbx/tbx3-basic-dca_astronomy.tbx', 45, 45, 113],
  ['tbx/tbx3-core-dca_astronomy.tbx', 45, 45, 113],
  ['tbx/tbx3-core-dca_dualconcept-multiterm.tbx', 2, 2, 12],
  ['tbx/tbx3-core-dca_glosario-span417a.tbx', 140, 140, 264],
  ['tbx/tbx3-core-dca_james-termbase.tbx', 4, 4, 11],
  // 46 conceptEntry, one of them the empty <conceptEntry id=""> this copy carries: skipped
  ['tbx/tbx3-min-dca_astronomy.tbx', 46, 45, 113],
  ['tbx/tbx3-min-dct_astronomy.tbx', 45, 45, 113],
  ['tbx/tbx3-min-dct_james-termbase.tbx', 4, 4, 11],
  ['tbx/tbxmin2014_convert-tbx-min-sample.tbx', 1, 1, 1],
  ['tbx/tbxmin2014_p5-tbx-min.tbx', 3, 3, 7],
  // source 3 twice (once padded with spaces): the second merges, unchanged
  ['csv/okapi_test01.csv', 4, 3, 6],
  // 6 non-blank rows: "jasjjal", "…no target", "\tno source" have no translation and are skipped
  ['csv/okapi_test01.tsv', 6, 3, 6],
  ['csv/okapi_test02_utf16be.tsv', 2, 2, 4],
  ['csv/omegat_glossary_3col.tab', 4, 4, 8],
  ['csv/omegat_glossary_en-ja.txt', 2, 2, 4],
  ['csv/omegat_glossary_magiccomment-only.tab', 0, 0, 0],
  ['csv/omegat_glossary_quoting.csv', 7, 7, 14],
  ['csv/omegat_glossary_utf16le.txt', 2, 2, 4],
  ['csv/omegat_glossary_zh-ja.txt', 2, 2, 4],
  // 163 rows, one concept each: 4 Czech terms (vymazat, vložit, nastavení, list) translate two different
  // English terms, and sharing a translation does not make two source terms one concept
  ['csv/weblate_glossary_en-cs_header.csv', 163, 163, 326],
  ['csv/weblate_glossary_en-cs_noheader.csv', 163, 163, 326],
  ['csv/zanata_glossary_en-es-zh.csv', 2, 2, 6],
  // synonyms "Hi" and "Dawn,AM" are extra English terms
  ['csv/zanata_glossary_en-es-zh_synonyms.csv', 2, 2, 9],
  ['csv/zanata_glossary_en-hi-pl.csv', 2, 2, 6],
];

// file, words the refusal must contain
const REFUSED: [string, RegExp][] = [
  ['tbx/tbx2008-default_lisa-sample-INVALID-badDatcat.tbx', /type="pos" is not allowed/],
  ['tbx/tbx2008-default_lisa-sample-INVALID-badPicklistVal.tbx', /"longForm" is not a permitted value of termType/],
  ['tbx/tbx2008-default_lisa-sample-INVALID-coreInvalid.tbx', /<langSection> is not allowed in <termEntry>/],
  [
    'tbx/tbx2008-default_lisa-sample-INVALID-notWellformed.tbx',
    /line 29, column \d+: unexpected close tag <\/descrip>: the element open here is <descriptive> \(opened at line 29, column \d+\)/,
  ],
  ['tbx/tbx2008-basic_sample-INVALID-badattribute.tbx', /type="origin" is not allowed in TBX-Basic/],
  ['tbx/tbx2008-basic_sample-INVALID-badelement.tbx', /<transaction> is not allowed in <transacGrp>/],
  ['tbx/tbx2008-basic_sample-INVALID-badelementcontent.tbx', /"preposition" is not a permitted value of partOfSpeech/],
  ['tbx/tbx2008-basic_sample-INVALID-badelementorder.tbx', /<termNote> must come before/],
  [
    'tbx/tbx2008-basic_sample-INVALID-notwellformed.tbx',
    /line 44, column \d+: unexpected close tag <\/transacGrp>: the element open here is <date> \(opened at line 43, column \d+\)/,
  ],
];

const count = (db: ReturnType<typeof openDatabase>['db'], table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('importing the shared corpus', { skip }, () => {
  for (const [file, entries, concepts, terms] of VALID) {
    test(`${file} imports ${concepts} concepts with ${terms} terms`, async () => {
      const { db } = openDatabase(':memory:');
      const report = await importFile(db, CORPUS + file);
      assert.deepEqual(report.errors, []);
      assert.equal(report.created + report.updated + report.skipped, entries, 'every entry is accounted for');
      assert.equal(count(db, 'concepts'), concepts);
      assert.equal(report.created, concepts);
      assert.equal(count(db, 'terms'), terms);
      assert.ok(report.format, 'the format detected is reported');
      db.close();
    });
  }

  test('the windows-1254 file keeps its Turkish letters', async () => {
    const { db } = openDatabase(':memory:');
    const report = await importFile(db, `${FIXTURES}tbx2008-default_okapi-win1254.tbx`);
    assert.equal(report.format?.encoding, 'windows-1254');
    const texts = (db.prepare('SELECT text FROM terms').all() as { text: string }[]).map((r) => r.text).join(' ');
    assert.match(texts, /[ğışçöüİ]/i);
    db.close();
  });

  test('the layout assumed for a CSV is reported', async () => {
    const { db } = openDatabase(':memory:');
    const zanata = await importFile(db, `${CORPUS}csv/zanata_glossary_en-es-zh.csv`);
    assert.match(zanata.format?.layout ?? '', /header row of language tags/);
    const omegat = await importFile(db, `${CORPUS}csv/omegat_glossary_utf16le.txt`);
    assert.equal(omegat.format?.encoding, 'utf-16le');
    assert.match(omegat.format?.layout ?? '', /no header; source en .*tab-separated/);
    db.close();
  });
});

describe('refusing invalid files (copies in test/fixtures/interchange)', () => {
  test('every INVALID and not-well-formed file in the corpus is in the refusal table', async () => {
    const { readdirSync } = await import('node:fs');
    if (!existsSync(CORPUS)) return;
    const invalid = readdirSync(`${CORPUS}tbx`).filter((f) => /INVALID|notwellformed/i.test(f));
    assert.deepEqual(invalid.map((f) => `tbx/${f}`).sort(), REFUSED.map(([f]) => f).sort());
  });

  for (const [file, message] of REFUSED) {
    test(`${file} is refused, naming the problem, and the database is unchanged`, async () => {
      const { db } = openDatabase(':memory:');
      await importFile(db, `${FIXTURES}tbx3-basic-dca_astronomy.tbx`);
      const before = { c: count(db, 'concepts'), t: count(db, 'terms'), h: count(db, 'concept_history') };
      await assert.rejects(importFile(db, FIXTURES + file.replace('tbx/', '')), (e: Error) => {
        assert.match(e.message, message);
        return true;
      });
      assert.deepEqual({ c: count(db, 'concepts'), t: count(db, 'terms'), h: count(db, 'concept_history') }, before);
      db.close();
    });
  }
});
