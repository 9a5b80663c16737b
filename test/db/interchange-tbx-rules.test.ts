import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConceptRepository } from '../../db/concepts.ts';
import { openDatabase } from '../../db/connection.ts';
import { type ExportFormat, type ExportResult, exportGlossary } from '../../db/interchange/export.ts';
import { importStream } from '../../db/interchange/import.ts';
import type { ConceptInput } from '../../glossary/concept/types.ts';
import { placeExport, validateExports, validationSkip } from '../support/tbx-check.ts';

/**
 * Rules of the TBX exports, each on a glossary made here: terms preferred-first within a
 * language, the service's history as TBX transactions that come back on import, data the API
 * accepts (part of speech properNoun, a concept-level customerSubset) never making an export
 * invalid, and term components kept through both flavours.
 */

// Copies of the official MIT-licensed schemas (test/fixtures/SOURCES.md).
const SCHEMAS = fileURLToPath(new URL('../fixtures/interchange/', import.meta.url));
// The TBX 2008 core structure DTD and the XCS DTD are read from the shared corpus in place.
const SHARED_SCHEMAS = fileURLToPath(new URL('../../../shared/corpus/tbx/schemas/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'termbridge-tbx-rules-'));
after(() => rmSync(work, { recursive: true, force: true }));

type Db = ReturnType<typeof openDatabase>['db'];

async function exportText(db: Db, format: ExportFormat): Promise<{ text: string; result: ExportResult }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const result = await exportGlossary(db, out, { format });
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), result };
}

const bytes = (s: string) =>
  (async function* () {
    yield Buffer.from(s);
  })();

function glossary(...concepts: ConceptInput[]): Db {
  const { db } = openDatabase(':memory:');
  const repo = new ConceptRepository(db);
  for (const c of concepts) repo.create(c, { actor: 'alice' });
  return db;
}

/** The term texts of one language section, in file order. */
function termsOf(tbx: string, lang: string): string[] {
  const section = new RegExp(`<(?:langSec|langSet) xml:lang="${lang}">([\\s\\S]*?)</(?:langSec|langSet)>`).exec(tbx)?.[1] ?? '';
  return [...section.matchAll(/<term>([^<]*)<\/term>/g)].map((m) => m[1]!);
}

describe('preferred first within a language', () => {
  for (const format of ['tbx', 'tbx2008'] as const) {
    test(`${format}: a preferred term stored after admitted and deprecated ones is written first`, async () => {
      const db = glossary({
        externalId: 'kosovo',
        terms: [
          { text: '科索沃', lang: 'zh-TW', status: 'admitted' },
          { text: '科索伏', lang: 'zh-TW', status: 'deprecated' },
          { text: '科索夫', lang: 'zh-TW', status: 'preferred' },
          { text: 'Kosova', lang: 'en', status: 'admitted' },
          { text: 'Kosovo', lang: 'en', status: 'preferred' },
        ],
      });
      const { text } = await exportText(db, format);
      assert.deepEqual(termsOf(text, 'zh-TW'), ['科索夫', '科索沃', '科索伏']);
      assert.deepEqual(termsOf(text, 'en'), ['Kosovo', 'Kosova']);
      db.close();
    });
  }
});

describe('history as TBX transactions', () => {
  for (const format of ['tbx', 'tbx2008'] as const) {
    test(`${format}: origination and modification with their day and who made them, kept through a re-import`, async () => {
      const db = glossary({ externalId: 'pristina', terms: [{ text: 'Pristina', lang: 'en', status: 'preferred' }] });
      const repo = new ConceptRepository(db);
      const [c] = repo.all();
      repo.update(c!.id, c!.version, { ...c!, definition: 'Capital of Kosovo.' }, { actor: 'bob' });
      const history = repo.history(c!.id);
      const day = (at: string) => at.slice(0, 10);
      const { text } = await exportText(db, format);
      const groups = [...text.matchAll(/<transacGrp>([\s\S]*?)<\/transacGrp>/g)].map((m) => m[1]!);
      const parsed = groups.map((g) => ({
        type: /<transac type="transactionType">([^<]*)</.exec(g)?.[1],
        date: /<date>([^<]*)</.exec(g)?.[1],
        by: /<transacNote type="responsibility">([^<]*)</.exec(g)?.[1],
      }));
      assert.deepEqual(parsed, [
        { type: 'origination', date: day(history.find((h) => h.action === 'create')!.at), by: 'alice' },
        { type: 'modification', date: day(history.find((h) => h.action === 'update')!.at), by: 'bob' },
      ]);

      const { db: back } = openDatabase(':memory:');
      await importStream(back, bytes(text), { format: 'tbx' });
      const [again] = new ConceptRepository(back).all();
      const kept = again!.extra
        .filter((f) => f.element === 'transacGrp')
        .map((f) => Object.fromEntries((f.children ?? []).map((x) => [x.element, x.value])));
      assert.deepEqual(kept, [
        { transac: 'origination', date: parsed[0]!.date, transacNote: 'alice' },
        { transac: 'modification', date: parsed[1]!.date, transacNote: 'bob' },
      ]);
      // Exported again, the file's history is there, followed by this database's own.
      const second = (await exportText(back, format)).text;
      for (const g of groups) assert.ok(second.includes(g), 'an imported transaction is written back');
      back.close();
      db.close();
    });
  }
});

describe('data the API accepts keeps an export valid', {
  skip: validationSkip || (!existsSync(SCHEMAS) && `no schemas at ${SCHEMAS}`),
}, () => {
  test('part of speech properNoun and a concept-level customerSubset: both flavours validate as the dialect they declare', async () => {
    const db = glossary({
      externalId: 'belize',
      extra: [{ element: 'admin', type: 'customerSubset', value: 'UN-Geo' }],
      terms: [
        { text: 'Belize', lang: 'en', status: 'preferred', partOfSpeech: 'properNoun' },
        { text: '伯利兹', lang: 'zh-CN', status: 'preferred', partOfSpeech: 'properNoun' },
      ],
    });
    const placed = [];
    for (const format of ['tbx', 'tbx2008'] as const) {
      const { text, result } = await exportText(db, format);
      assert.deepEqual(result.dropped, [], `${format}: nothing dropped`);
      assert.match(text, /<termNote type="partOfSpeech">properNoun<\/termNote>/);
      assert.match(text, /<admin type="customerSubset">UN-Geo<\/admin>/);
      const path = placeExport(work, format, result.dialect!, `belize.${format}.tbx`);
      writeFileSync(path, text);
      placed.push({ path, format, dialect: result.dialect! });
    }
    const errors = validateExports(SCHEMAS, work, placed);
    for (const p of placed) assert.deepEqual(errors.get(p.path), [], `${p.format} ${p.dialect}`);
    db.close();
  });
});

describe('term components', () => {
  const TAAS_LIKE =
    '<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>' +
    '<termEntry id="web"><langSet xml:lang="en"><ntig><termGrp><term>World Wide Web</term>' +
    '<termCompList type="lemma"><termCompGrp><termComp>World</termComp><termNote type="partOfSpeech">noun</termNote>' +
    '<termNote type="grammaticalNumber">singular</termNote></termCompGrp><termComp>Wide</termComp></termCompList>' +
    '</termGrp></ntig></langSet><langSet xml:lang="lv"><ntig><termGrp><term>globālais tīmeklis</term>' +
    '<termCompList type="lemma"/></termGrp></ntig></langSet></termEntry></body></text></martif>';

  for (const format of ['tbx', 'tbx2008'] as const) {
    test(`${format}: a component list (and an empty one) comes back as the same tree`, async () => {
      const { db } = openDatabase(':memory:');
      await importStream(db, bytes(TAAS_LIKE), { format: 'tbx' });
      const components = (d: Db) =>
        new ConceptRepository(d)
          .all()
          .flatMap((c) => c.terms)
          .map((t) => [t.text, t.extra.filter((f) => f.element === 'termCompList')] as const);
      const before = components(db);
      assert.equal(before.flatMap(([, l]) => l).length, 2, 'both lists were read');
      const { text, result } = await exportText(db, format);
      assert.deepEqual(result.dropped, []);
      assert.equal(result.dialect, 'TBX-termbridge', 'components beyond the public dialects: our own, declared');
      const { db: back } = openDatabase(':memory:');
      await importStream(back, bytes(text), { format: 'tbx' });
      assert.deepEqual(components(back), before);
      back.close();
      db.close();
    });
  }
});

describe('stored categories are written only as TBX elements', () => {
  test('a component list holding something else (as a hand-edited lossless CSV could) is dropped and reported, never written', async () => {
    const db = glossary({
      externalId: 'odd',
      terms: [
        {
          text: 'Web',
          lang: 'en',
          status: 'preferred',
          extra: [
            {
              element: 'termCompList',
              type: 'lemma',
              value: '',
              children: [
                { element: 'termComp', type: '', value: 'web' },
                { element: 'script x="1"', type: '', value: 'alert(1)' },
              ],
            },
          ],
        },
      ],
    });
    for (const format of ['tbx', 'tbx2008'] as const) {
      const { text, result } = await exportText(db, format);
      assert.doesNotMatch(text, /<script|alert\(1\)/, format);
      assert.deepEqual(
        (result.dropped ?? []).map((d) => d.what),
        [format === 'tbx' ? '<termCompList>' : '<script x="1"> in <termCompList>'],
      );
    }
    db.close();
  });
});

describe('notes with their author', () => {
  for (const format of ['tbx', 'tbx2008'] as const) {
    test(`${format}: <note from> at term and concept level, multi-line, comes back with its author`, async () => {
      const { db } = openDatabase(':memory:');
      await importStream(
        db,
        bytes(
          '<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>' +
            '<termEntry id="e1"><note from="reviewer">Checked\nagainst UNTERM.</note><langSet xml:lang="en"><tig><term>SYS_ERR_406</term>' +
            '<note from="developer">Do not translate error codes.</note></tig></langSet></termEntry></body></text></martif>',
        ),
        { format: 'tbx' },
      );
      const notes = (d: Db) =>
        new ConceptRepository(d)
          .all()
          .flatMap((c) => [...c.extra, ...c.terms.flatMap((t) => t.extra)])
          .filter((f) => f.element === 'note');
      const before = notes(db);
      assert.deepEqual(before, [
        { element: 'note', type: '', value: 'Checked\nagainst UNTERM.', attrs: { from: 'reviewer' } },
        { element: 'note', type: '', value: 'Do not translate error codes.', attrs: { from: 'developer' } },
      ]);
      const { text, result } = await exportText(db, format);
      assert.deepEqual(result.dropped, []);
      assert.match(text, /<adminNote type="noteSource">developer<\/adminNote>/);
      const { db: back } = openDatabase(':memory:');
      await importStream(back, bytes(text), { format: 'tbx' });
      assert.deepEqual(notes(back), before);
      back.close();
      db.close();
    });
  }
});

describe('our own dialect validates, and the check can fail', {
  skip: validationSkip || (!existsSync(SHARED_SCHEMAS) && `no schemas at ${SHARED_SCHEMAS}`),
}, () => {
  test('v3 against the core structure; 2008 against the core DTD with its inline XCS; an undeclared category is caught', async () => {
    const { db } = openDatabase(':memory:');
    await importStream(
      db,
      bytes(
        '<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>' +
          '<termEntry id="e1"><descrip type="Txt::Text Field">TI-07196</descrip><langSet xml:lang="en"><ntig><termGrp><term>Web</term>' +
          '<termNote type="MSD">NNP</termNote><termCompList type="lemma"><termComp>web</termComp></termCompList></termGrp></ntig></langSet></termEntry>' +
          '</body></text></martif>',
      ),
      { format: 'tbx' },
    );
    const placed = [];
    for (const format of ['tbx', 'tbx2008'] as const) {
      const { text, result } = await exportText(db, format);
      assert.equal(result.dialect, 'TBX-termbridge');
      const path = placeExport(work, format, result.dialect!, `own.${format}.tbx`);
      writeFileSync(path, text);
      placed.push({ path, format, dialect: result.dialect! });
      if (format === 'tbx2008') {
        const bad = placeExport(work, format, result.dialect!, 'own-undeclared.tbx2008.tbx');
        writeFileSync(bad, text.replace('type="MSD"', 'type="Undeclared"'));
        placed.push({ path: bad, format, dialect: result.dialect! });
      }
    }
    const errors = validateExports(SHARED_SCHEMAS, work, placed);
    assert.deepEqual(errors.get(placed[0]!.path), []);
    assert.deepEqual(errors.get(placed[1]!.path), []);
    assert.deepEqual(errors.get(placed[2]!.path), ['termNoteSpec Undeclared is not declared in the XCS']);
    db.close();
  });
});
