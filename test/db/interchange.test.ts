import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { type ExportFormat, exportGlossary } from '../../db/interchange/export.ts';
import { importFile, importStream } from '../../db/interchange/import.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { HOSTILE_IMPORT_RUNS, HOSTILE_IMPORT_SEED, hostileImportInput } from '../support/hostile-imports.ts';

// Copies of the official MIT-licensed schemas (test/fixtures/SOURCES.md).
const SCHEMAS = fileURLToPath(new URL('../fixtures/interchange/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'termbridge-interchange-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function exportToString(db: ReturnType<typeof openDatabase>['db'], format: ExportFormat, opts = {}): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportGlossary(db, out, { format, ...opts });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

const fromString = (s: string) =>
  (async function* () {
    yield Buffer.from(s);
  })();

/** Concepts compared structurally: what an export carries, ids and timestamps aside. */
function structure(db: ReturnType<typeof openDatabase>['db']) {
  return new ConceptRepository(db)
    .all()
    .map((c) => ({
      externalId: c.externalId,
      subject: c.subject,
      definition: c.definition,
      note: c.note,
      // Exports group terms by language, so the order of terms within a concept is not kept.
      terms: c.terms
        .map((t) => ({ text: t.text, lang: t.lang, status: t.status, type: t.type, note: t.note, source: t.source }))
        .sort((a, b) => `${a.lang} ${a.text}`.localeCompare(`${b.lang} ${b.text}`)),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const jingSkip = !existsSync('/usr/bin/jing') ? 'jing is not installed' : !existsSync(SCHEMAS) ? `schemas not found at ${SCHEMAS}` : false;

describe('exports validate against the official schemas', { skip: jingSkip }, () => {
  for (const [format, schema] of [
    ['tbx', 'TBXcoreStructV03_TBX-Basic_integrated.rng'],
    ['tbx2008', 'TBXBasicRNGV02.rng'],
  ] as const) {
    test(`the ${format} export of the starter glossary is valid against ${schema} (jing)`, async () => {
      const { db } = openDatabase(':memory:');
      seedStarterGlossary(db);
      const file = join(dir, `starter.${format}.tbx`);
      writeFileSync(file, await exportToString(db, format));
      // jing exits non-zero and prints the errors when the file is invalid.
      const result = execFileSync('jing', [SCHEMAS + schema, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      assert.equal(result.trim(), '');
      db.close();
    });
  }

  test('jing really rejects a broken export (the check can fail)', async () => {
    const file = join(dir, 'broken.tbx');
    writeFileSync(file, '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca"><text/></tbx>');
    assert.throws(() => execFileSync('jing', [`${SCHEMAS}TBXcoreStructV03_TBX-Basic_integrated.rng`, file], { stdio: 'pipe' }));
  });
});

describe('round trip', () => {
  for (const format of ['tbx', 'tbx2008', 'csv'] as const) {
    test(`${format}: export → import into an empty database → export gives the same concepts, terms, statuses and notes`, async () => {
      const { db } = openDatabase(':memory:');
      seedStarterGlossary(db);
      const repo = new ConceptRepository(db);
      repo.create(
        {
          externalId: 'note-test',
          note: 'a concept note with <markup> & "quotes"',
          terms: [
            { text: '科索沃', lang: 'zh-CN', status: 'preferred', note: 'term note' },
            { text: '科索夫', lang: 'zh-TW', status: 'forbidden' },
            { text: 'Kosova', lang: 'en', status: 'deprecated' },
          ],
        },
        { actor: 'test' },
      );
      const first = await exportToString(db, format);
      const { db: empty } = openDatabase(':memory:');
      const report = await importStream(empty, fromString(first), { format: format === 'csv' ? 'csv' : 'tbx' });
      assert.deepEqual(report.errors, []);
      const a = structure(db);
      const b = structure(empty);
      if (format === 'csv') {
        // CSV carries text, language, status and notes; not term type or source.
        const strip = (l: typeof a) =>
          l.map((c) => ({ ...c, terms: c.terms.map((t) => ({ text: t.text, lang: t.lang, status: t.status, note: t.note })) }));
        assert.deepEqual(strip(b), strip(a));
      } else assert.deepEqual(b, a);
      const second = await exportToString(empty, format);
      if (format === 'csv') assert.equal(second, first);
      else {
        // TBX carries history: the second export has every transaction of the first, plus the import's own origination.
        const transactions = (s: string) => s.match(/<transacGrp>[\s\S]*?<\/transacGrp>/g) ?? [];
        const withoutHistory = (s: string) => s.replace(/ *<transacGrp>[\s\S]*?<\/transacGrp>\n/g, '');
        assert.equal(withoutHistory(second), withoutHistory(first));
        for (const t of new Set(transactions(first))) assert.ok(second.includes(t), `kept: ${t}`);
        assert.ok(transactions(second).length > transactions(first).length, 'the import is recorded too');
      }
      db.close();
      empty.close();
    });
  }

  test('filters: only the requested languages, statuses and subject are exported', async () => {
    const { db } = openDatabase(':memory:');
    seedStarterGlossary(db);
    const tbx = await exportToString(db, 'tbx', { lang: ['zh-TW'], status: ['preferred'], subject: 'place' });
    assert.doesNotMatch(tbx, /<langSec xml:lang="en"/);
    assert.match(tbx, /<langSec xml:lang="zh-TW"/);
    assert.doesNotMatch(tbx, /admittedTerm-admn-sts|deprecatedTerm-admn-sts/);
    assert.doesNotMatch(tbx, /subjectField">(?!place<)/);
    db.close();
  });
});

describe('unknown data categories', () => {
  test('are kept in extra and written back on export', async () => {
    const { db } = openDatabase(':memory:');
    const xml =
      '<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>' +
      '<termEntry id="e1"><descrip type="Txt::Text Field">TI-07196 &amp; co</descrip><admin type="productSubset">SPC</admin>' +
      '<langSet xml:lang="en-US"><tig><term>headset</term><termNote type="MSD">NN</termNote><termNote type="termType">phrase</termNote></tig></langSet>' +
      '<langSet xml:lang="zh"><tig><term>耳机</term></tig></langSet></termEntry></body></text></martif>';
    const r = await importStream(db, fromString(xml), { format: 'tbx' });
    assert.equal(r.created, 1);
    const [c] = new ConceptRepository(db).all();
    assert.deepEqual(c!.extra, [
      { element: 'descrip', type: 'Txt::Text Field', value: 'TI-07196 & co' },
      { element: 'admin', type: 'productSubset', value: 'SPC' },
    ]);
    assert.deepEqual(c!.terms.find((t) => t.lang === 'en-US')!.extra, [
      { element: 'termNote', type: 'MSD', value: 'NN' },
      { element: 'termNote', type: 'termType', value: 'phrase' },
    ]);
    assert.equal(c!.terms.find((t) => t.text === '耳机')!.lang, 'zh-CN', 'language tags are normalised');
    const out = await exportToString(db, 'tbx');
    assert.match(out, /<descrip type="Txt::Text Field">TI-07196 &amp; co<\/descrip>/);
    assert.match(out, /<admin type="productSubset">SPC<\/admin>/);
    assert.match(out, /<termNote type="MSD">NN<\/termNote>/);
    db.close();
  });
});

describe('merging', () => {
  test('a re-import matches concepts by external id and reports them unchanged; a dry run writes nothing', async () => {
    const { db } = openDatabase(':memory:');
    seedStarterGlossary(db);
    const tbx = await exportToString(db, 'tbx');
    const n = new ConceptRepository(db).count();
    const again = await importStream(db, fromString(tbx), { format: 'tbx' });
    assert.deepEqual([again.created, again.updated, again.skipped], [0, 0, n]);
    const changed = tbx.replace(/(<descrip type="definition">)/, '$1Changed: ');
    assert.notEqual(changed, tbx);
    const revision = new ConceptRepository(db).revision();
    const dry = await importStream(db, fromString(changed), { format: 'tbx', dryRun: true });
    assert.equal(dry.dryRun, true);
    assert.equal(new ConceptRepository(db).revision(), revision, 'a dry run writes nothing');
    const real = await importStream(db, fromString(changed), { format: 'tbx' });
    assert.deepEqual([real.created, real.updated], [dry.created, dry.updated]);
    assert.deepEqual([real.created, real.updated], [0, 1]);
    db.close();
  });

  test('without an id, an identical term in the same language matches; a new term is added to that concept', async () => {
    const { db } = openDatabase(':memory:');
    const csv1 = 'en,zh-CN\nPristina,普里什蒂纳\n';
    const csv2 = 'en,zh-TW\nPristina,普里斯汀納\n';
    await importStream(db, fromString(csv1), { format: 'csv' });
    const r = await importStream(db, fromString(csv2), { format: 'csv' });
    assert.deepEqual([r.created, r.updated], [0, 1]);
    const [c] = new ConceptRepository(db).all();
    assert.deepEqual(c!.terms.map((t) => t.text).sort(), ['Pristina', '普里什蒂纳', '普里斯汀納'].sort());
    assert.equal(new ConceptRepository(db).history(c!.id).length, 2, 'history recorded through the repository');
    db.close();
  });

  test('--partial imports the good entries and lists every skipped one with its reason', async () => {
    const { db } = openDatabase(':memory:');
    const csv = 'en,zh-CN,en status\nGood,好,preferred\nBad,坏,sometimes\nAlso good,也好,admitted\n';
    await assert.rejects(importStream(db, fromString(csv), { format: 'csv' }), /"sometimes" is not a status/);
    assert.equal(new ConceptRepository(db).count(), 0);
    const r = await importStream(db, fromString(csv), { format: 'csv', partial: true });
    assert.deepEqual([r.created, r.skipped], [2, 1]);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!.where, /line 3/);
    db.close();
  });
});

describe('safety', () => {
  const cases: [string, string, RegExp][] = [
    [
      'XXE (external entity)',
      '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>',
      /entity declarations are refused/,
    ],
    [
      'billion laughs',
      `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>\n<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol9;</term></tig></langSet></termEntry></body></text></martif>`,
      /entity declarations are refused/,
    ],
    [
      'an undeclared entity',
      '<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&nbsp;</term></tig></langSet></termEntry></body></text></martif>',
      /line 1, column \d+/,
    ],
    ['a truncated file', '<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>x</term>', /line 1, column \d+/],
    ['a non-TBX XML file', '<html><body>hi</body></html>', /not a TBX file/],
  ];
  for (const [name, xml, message] of cases) {
    test(`${name} is refused and nothing is written`, async () => {
      const { db } = openDatabase(':memory:');
      const before = process.memoryUsage().heapUsed;
      await assert.rejects(importStream(db, fromString(xml), { format: 'tbx' }), message);
      assert.ok(process.memoryUsage().heapUsed - before < 50e6, 'memory did not grow');
      assert.equal(new ConceptRepository(db).count(), 0);
      db.close();
    });
  }

  test('a plain DOCTYPE with an external DTD still imports (the DTD is never fetched)', async () => {
    const { db } = openDatabase(':memory:');
    const xml =
      '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "http://127.0.0.1:9/TBXcoreStructV02.dtd">\n<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>x</term></tig></langSet></termEntry></body></text></martif>';
    const r = await importStream(db, fromString(xml), { format: 'tbx' });
    assert.equal(r.created, 1);
    db.close();
  });

  test('an upload over the cap is refused', async () => {
    const { db } = openDatabase(':memory:');
    await assert.rejects(importStream(db, fromString('a,b\n'.repeat(1000)), { maxBytes: 100 }), /larger than the limit/);
    db.close();
  });

  // How long each case takes is measured in `npm run bench` (scripts/bench/attack.ts, same
  // cases); a case that hangs never settles and the run does not finish.
  test('fuzz: random and mutated TBX/CSV never crash, hang or write part of a file', async () => {
    await fc.assert(
      fc.asyncProperty(hostileImportInput, async (input) => {
        const { db } = openDatabase(':memory:');
        try {
          const r = await importStream(db, fromString(input), {});
          assert.equal(new ConceptRepository(db).count(), r.created);
        } catch (e) {
          assert.ok((e as { code?: string }).code, `a TermbridgeError, not ${(e as Error).stack}`);
          assert.equal(new ConceptRepository(db).count(), 0, 'nothing written on failure');
        }
        db.close();
      }),
      { numRuns: HOSTILE_IMPORT_RUNS, seed: HOSTILE_IMPORT_SEED },
    );
  });
});

describe('importFile', () => {
  test('reads a file by path and guesses the format from the extension', async () => {
    const file = join(dir, 'g.tsv');
    writeFileSync(file, 'Kosovo\t科索沃\n');
    const { db } = openDatabase(':memory:');
    const r = await importFile(db, file);
    assert.equal(r.created, 1);
    assert.equal(r.format?.format, 'tsv');
    db.close();
  });
});

describe('CSV layouts beyond the corpus', () => {
  const cases: [string, string, { lang: string; text: string }[]][] = [
    [
      'a header of language names',
      '\ufeffEnglish,Chinese (Traditional)\nKosovo,科索夫\n',
      [
        { lang: 'en', text: 'Kosovo' },
        { lang: 'zh-TW', text: '科索夫' },
      ],
    ],
    [
      'semicolons (European Excel)',
      'en;zh-CN\n"Bosnia; Herzegovina";波黑\n',
      [
        { lang: 'en', text: 'Bosnia; Herzegovina' },
        { lang: 'zh-CN', text: '波黑' },
      ],
    ],
    [
      'several terms in a cell',
      'en,zh-CN\nOSCE,欧洲安全与合作组织 | 欧安组织\n',
      [
        { lang: 'en', text: 'OSCE' },
        { lang: 'zh-CN', text: '欧洲安全与合作组织' },
        { lang: 'zh-CN', text: '欧安组织' },
      ],
    ],
    [
      'no header, Chinese target',
      'Pristina\t普里什蒂纳\n',
      [
        { lang: 'en', text: 'Pristina' },
        { lang: 'zh-CN', text: '普里什蒂纳' },
      ],
    ],
  ];
  for (const [name, csv, terms] of cases) {
    test(`${name}`, async () => {
      const { db } = openDatabase(':memory:');
      const r = await importStream(db, fromString(csv), {});
      assert.equal(r.created, 1, JSON.stringify(r));
      const [c] = new ConceptRepository(db).all();
      assert.deepEqual(
        c!.terms.map(({ lang, text }) => ({ lang, text })),
        terms,
      );
      db.close();
    });
  }
});

describe('errors while streaming', () => {
  test('a CSV that passes the cap after the first chunks is refused, not left hanging', async () => {
    const { db } = openDatabase(':memory:');
    async function* chunks() {
      for (let i = 0; i < 100; i++) yield Buffer.from('Peace,Paix\n'.repeat(1000));
    }
    await assert.rejects(importStream(db, chunks(), { format: 'csv', maxBytes: 200_000 }), /larger than the limit/);
    assert.equal(new ConceptRepository(db).count(), 0);
    db.close();
  });

  test('a TBX that passes the cap after the first chunks is refused', async () => {
    const { db } = openDatabase(':memory:');
    async function* chunks() {
      yield Buffer.from('<martif type="TBX"><text><body>');
      for (let i = 0; i < 100; i++)
        yield Buffer.from('<termEntry><langSet xml:lang="en"><tig><term>x</term></tig></langSet></termEntry>'.repeat(100));
    }
    await assert.rejects(importStream(db, chunks(), { format: 'tbx', maxBytes: 200_000 }), /larger than the limit/);
    db.close();
  });
});

describe('CSV: formula guard, lossless layout, refusals', () => {
  const hostile = ['=SUM(1,2)', '+1', '-2', '@A1', '\tTab', '\rCR', "'=already", '=HYPERLINK("http://x","y")'];

  for (const format of ['csv', 'csv-lossless'] as const) {
    test(`${format}: no cell starts with a formula character, and the import strips the guard again`, async () => {
      const { db } = openDatabase(':memory:');
      const repo = new ConceptRepository(db);
      for (const [i, text] of hostile.entries()) {
        repo.create(
          {
            externalId: `f${i}`,
            note: text,
            terms: [
              { text, lang: 'en', status: 'preferred', note: text },
              { text: `名称${i}`, lang: 'zh-CN', status: 'preferred' },
            ],
          },
          { actor: 'test' },
        );
      }
      const out = await exportToString(db, format);
      const { parse } = await import('csv-parse/sync');
      const rows: string[][] = parse(out.replace(/^\ufeff/, ''), { relax_column_count: true });
      for (const cell of rows.flat()) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `guarded: ${JSON.stringify(cell)}`);
      const { db: back } = openDatabase(':memory:');
      const report = await importStream(back, fromString(out), { format: 'csv' });
      assert.deepEqual(report.errors, []);
      // compared with what the store kept (it trims white space around a term, so "\tTab" is "Tab")
      const texts = (d: typeof db) =>
        new ConceptRepository(d)
          .all()
          .flatMap((c) => [c.note, ...c.terms.flatMap((t) => [t.text, t.note])])
          .sort();
      assert.deepEqual(texts(back), texts(db));
      assert.ok(texts(back).includes('=SUM(1,2)') && texts(back).includes("'=already"));
      db.close();
      back.close();
    });
  }

  test('csv-lossless: every field of every term comes back exactly, and a second export is byte-identical', async () => {
    const { db } = openDatabase(':memory:');
    seedStarterGlossary(db);
    new ConceptRepository(db).create(
      {
        externalId: 'lossless',
        subject: 'organisations',
        definition: 'line one\nline two, with "quotes"',
        note: 'a | b',
        terms: [
          { text: 'A | B', lang: 'en', status: 'preferred', type: 'fullForm', partOfSpeech: 'noun', source: 'UNTERM', note: 'multi\nline' },
          { text: '甲乙', lang: 'zh-TW', status: 'admitted', type: 'shortForm', region: 'Taiwan' },
          { text: '甲 乙', lang: 'zh-CN', status: 'deprecated' },
        ],
      },
      { actor: 'test' },
    );
    const first = await exportToString(db, 'csv-lossless');
    const { db: empty } = openDatabase(':memory:');
    const report = await importStream(empty, fromString(first), { format: 'csv' });
    assert.deepEqual(report.errors, []);
    const full = (d: typeof db) =>
      new ConceptRepository(d)
        .all()
        .map((c) => ({
          externalId: c.externalId,
          subject: c.subject,
          definition: c.definition,
          note: c.note,
          terms: c.terms.map(({ text, lang, status, type, partOfSpeech, region, source, note, context }) => ({
            text,
            lang,
            status,
            type,
            partOfSpeech,
            region,
            source,
            note,
            context,
          })),
        }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    assert.deepEqual(full(empty), full(db));
    const second = await exportToString(empty, 'csv-lossless');
    assert.equal(second.replace(/^[^,\r\n]*,/gm, ''), first.replace(/^[^,\r\n]*,/gm, ''), 'same rows, concept ids aside');
    db.close();
    empty.close();
  });

  test('a letter is refused as not a glossary, and nothing is written', async () => {
    const { db } = openDatabase(':memory:');
    const letter =
      'Dear Mr President,\n\nI have the honour to transmit herewith the report of the Special Envoy, which was prepared in accordance with the request of the Council.\n' +
      'The Contact Group met in London, and its members, having considered the matter, agreed that the talks should continue.\n' +
      'I should be grateful if you would bring this letter to the attention of the members of the Security Council.\n\nYours sincerely,\n';
    await assert.rejects(importStream(db, fromString(letter), { format: 'csv' }), (e: { code?: string; status?: number }) => {
      assert.equal(e.code, 'not-a-glossary');
      assert.equal(e.status, 400);
      return true;
    });
    assert.equal(new ConceptRepository(db).all().length, 0);
    db.close();
  });

  test('an unbalanced quote is a 400 invalid-csv, not a crash', async () => {
    const { db } = openDatabase(':memory:');
    await assert.rejects(
      importStream(db, fromString('en,zh-CN\n"Kosovo,科索沃\nSerbia,塞尔维亚\n'), { format: 'csv' }),
      (e: { code?: string; status?: number }) => {
        assert.equal(e.code, 'invalid-csv');
        assert.equal(e.status, 400);
        return true;
      },
    );
    assert.equal(new ConceptRepository(db).all().length, 0);
    db.close();
  });
});
