import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/connection.ts';
import { type ExportResult, exportGlossary } from '../../db/interchange/export.ts';
import { importFile } from '../../db/interchange/import.ts';
import { countCategories, placeExport, validateExports, validationSkip } from '../support/tbx-check.ts';

/**
 * Every valid TBX file of the shared corpus, imported and exported again as TBX v3 and TBX 2008:
 * each export must validate against the schemas of the dialect it declares (RELAX NG with jing,
 * Schematron with Saxon-HE; our own 2008 dialect with xmllint against the core structure DTD
 * and its inline XCS), and must hold every data category the file held, at its level and in its
 * language: for every valid file, with no exception. The corpus holds GPL files, so it is read in place and never copied here.
 */
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/tbx/', import.meta.url));
const SCHEMAS = `${CORPUS}schemas/`;
const skip = !existsSync(CORPUS) ? `shared corpus not found at ${CORPUS}` : validationSkip;

const FILES = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.tbx') && !/INVALID/i.test(f)) : [];

interface Exported {
  file: string;
  format: 'tbx' | 'tbx2008';
  path: string;
  result: ExportResult;
  errors: string[];
}

const work = mkdtempSync(join(tmpdir(), 'termbridge-corpus-export-'));
const exported: Exported[] = [];

async function exportTo(db: ReturnType<typeof openDatabase>['db'], format: 'tbx' | 'tbx2008', name: string): Promise<Exported> {
  const tmp = join(work, 'tmp', `${format}-${name}`);
  mkdirSync(join(work, 'tmp'), { recursive: true });
  const out = createWriteStream(tmp);
  const result = await exportGlossary(db, out, { format });
  out.end();
  await once(out, 'finish');
  // Grouped by the dialect they declare, so each validator runs once per group.
  const path = placeExport(work, format, result.dialect!, name);
  renameSync(tmp, path);
  return { file: name, format, path, result, errors: [] };
}

describe('corpus TBX: export, validate, count', { skip }, () => {
  before(async () => {
    for (const file of FILES) {
      const { db } = openDatabase(':memory:');
      await importFile(db, CORPUS + file);
      for (const format of ['tbx', 'tbx2008'] as const) exported.push(await exportTo(db, format, file));
      db.close();
    }
    const errors = validateExports(
      SCHEMAS,
      work,
      exported.map((e) => ({ path: e.path, format: e.format, dialect: e.result.dialect! })),
    );
    for (const e of exported) e.errors.push(...errors.get(e.path)!);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('every valid corpus file was exported in both flavours', () => {
    assert.ok(FILES.length >= 26, `found ${FILES.length} valid corpus files`);
    assert.equal(exported.length, FILES.length * 2);
  });

  for (const file of FILES) {
    for (const format of ['tbx', 'tbx2008'] as const) {
      test(`${file} → ${format}: valid against the schemas of the dialect it declares`, () => {
        const e = exported.find((x) => x.file === file && x.format === format)!;
        const head = readFileSync(e.path, 'utf8').slice(0, 400);
        assert.match(head, new RegExp(`type="${e.result.dialect}"`), 'the file says the dialect the result reports');
        assert.deepEqual(e.errors.slice(0, 5), []);
      });
    }
  }

  for (const file of FILES) {
    for (const format of ['tbx', 'tbx2008'] as const) {
      test(`${file} → ${format}: every data category is still there, at its level and in its language, and none is added`, () => {
        const e = exported.find((x) => x.file === file && x.format === format)!;
        const before = countCategories(readFileSync(CORPUS + file, 'latin1').replace(/^\xef\xbb\xbf/, ''));
        const afterCounts = countCategories(readFileSync(e.path, 'utf8'));
        const lost: string[] = [];
        for (const [key, n] of before) {
          const m = afterCounts.get(key) ?? 0;
          // The service adds its own history (the import is a transaction of its own): more, never fewer.
          if (key === 'transactions' ? m < n : m !== n) lost.push(`${key}: ${n} → ${m}`);
        }
        assert.deepEqual(lost, [], 'nothing lost, nothing moved');
        // Nor invented: no status for terms that had none, no category the file did not hold.
        const invented = [...afterCounts].filter(([key]) => key !== 'transactions' && !before.has(key)).map(([k, n]) => `${k}: ${n}`);
        assert.deepEqual(invented, [], 'nothing invented');
        assert.deepEqual(e.result.dropped ?? [], [], 'nothing reported dropped');
      });
    }
  }
});
