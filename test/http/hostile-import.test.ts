import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { openDatabase } from '../../db/connection.ts';
import { ConceptRepository } from '../../db/concepts.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { cli as runShared } from '../support/cli.ts';
import { startServer, type TestServer } from '../support/server.ts';

/**
 * The hostile-input suite (issue 13), part two: glossary files (TBX, CSV, TSV) through the
 * import API, and every file-reading command of the CLI. Inputs are small mutations of valid
 * files plus random text and bytes, so each case is quick and the run stays within seconds;
 * every request has a deadline (a hang fails the case, not the suite's timeout).
 * The promises: an upload is imported whole or refused whole with a 4xx {error:{code,message}},
 * never a 500; a refusal or a preview writes nothing; a command exits 0, or 1 with one line on
 * stderr (and, with --json, a JSON error on stdout) — never a stack.
 */

const DEADLINE_MS = 10_000;
const RUNS = 30;

const TBX =
  '<?xml version="1.0" encoding="UTF-8"?><tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body><conceptEntry id="c1"><descrip type="subjectField">外交</descrip><langSec xml:lang="en"><termSec><term>Kosovo</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec><langSec xml:lang="zh-CN"><termSec><term>科索沃</term></termSec></langSec></conceptEntry><conceptEntry id="c2"><langSec xml:lang="zh-CN"><termSec><term>普里什蒂纳</term></termSec></langSec><langSec xml:lang="en"><termSec><term>Pristina</term></termSec></langSec></conceptEntry></body></text></tbx>';
const CSV = 'zh-CN,en,note\n科索沃,Kosovo,"a ""quoted"", note"\n普里什蒂纳,Pristina,\n';
const TSV = 'zh-CN\ten\tnote\n科索沃\tKosovo\tx\n普里什蒂纳\tPristina\t\n';

/** A valid file with a few random edits (insert, delete, replace), or random text or bytes. */
const glossaryFile = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(TBX, CSV, TSV),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.nat(12),
          fc.oneof(
            fc.string({ maxLength: 8 }),
            fc.constantFrom('"', '\t', '\n', '\r', '<', '>', '&', '&#0;', ']]>', '<!DOCTYPE x [<!ENTITY a "aa">]>', '=SUM(1)', '\u202e', '\ufeff'),
          ),
        ),
        { maxLength: 4 },
      ),
    )
    .map(([file, edits]) =>
      Buffer.from(
        edits.reduce<string>((acc, [at, del, ins]) => {
          const i = at % (acc.length + 1);
          return acc.slice(0, i) + ins + acc.slice(i + del);
        }, file),
      ),
    ),
  fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
);
const format = fc.constantFrom(undefined, '', 'tbx', 'csv', 'tsv', 'xlsx');
const fileName = fc.constantFrom('g.tbx', 'g.csv', 'g.tsv', 'g.txt', 'g', '../g.csv');

function assertError(status: number, body: string, what: string): void {
  assert.ok(status >= 400 && status < 500, `${what}: ${status} ${body.slice(0, 300)}`);
  const json = JSON.parse(body);
  assert.equal(typeof json.error?.code, 'string', what);
  assert.equal(typeof json.error?.message, 'string', what);
}

describe('hostile glossary files through the import API', () => {
  let s: TestServer;
  before(async () => {
    // Anonymous editors: a script's import needs no login, so each case is one request.
    s = await startServer({ seed: true, config: { anonymous: 'editor' } });
  });
  after(() => s.close());

  async function upload(bytes: Buffer, fields: { format?: string | undefined; partial?: boolean; name: string }, query = '') {
    const form = new FormData();
    if (fields.format !== undefined) form.append('format', fields.format);
    if (fields.partial) form.append('partial', '1');
    form.append('file', new Blob([new Uint8Array(bytes)]), fields.name);
    const res = await fetch(`${s.url}/api/import${query}`, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: form,
      signal: AbortSignal.timeout(DEADLINE_MS),
    });
    return { status: res.status, body: await res.text() };
  }

  test('a preview of any file is a report or a 4xx, and writes nothing', async () => {
    const repo = new ConceptRepository(s.db);
    await fc.assert(
      fc.asyncProperty(glossaryFile, format, fileName, fc.boolean(), async (bytes, fmt, name, partial) => {
        const revision = repo.revision();
        const r = await upload(bytes, { format: fmt, name, partial }, '?dryRun=1');
        if (r.status !== 200) assertError(r.status, r.body, `${name} ${fmt}`);
        else assert.equal(JSON.parse(r.body).dryRun, true);
        assert.equal(repo.revision(), revision, 'a preview wrote nothing');
      }),
      { numRuns: RUNS },
    );
  });

  test('an import of any file adds exactly what its report says, or is refused whole', async () => {
    const repo = new ConceptRepository(s.db);
    await fc.assert(
      fc.asyncProperty(glossaryFile, format, fileName, fc.boolean(), async (bytes, fmt, name, partial) => {
        const revision = repo.revision();
        const count = repo.count();
        const r = await upload(bytes, { format: fmt, name, partial });
        if (r.status !== 200) {
          assertError(r.status, r.body, `${name} ${fmt}`);
          assert.equal(repo.revision(), revision, 'a refused import wrote nothing');
        } else {
          const report = JSON.parse(r.body);
          assert.equal(repo.count(), count + report.created, JSON.stringify(report).slice(0, 300));
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('hostile files on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-hostile-cli-'));
  const dbPath = join(dir, 'g.sqlite');
  before(() => {
    const { db } = openDatabase(dbPath);
    seedStarterGlossary(db);
    db.close();
  });

  const cli = (args: string[]) => runShared(['--db', dbPath, ...args]);

  const revision = () => {
    const { db } = openDatabase(dbPath);
    try {
      return new ConceptRepository(db).revision();
    } finally {
      db.close();
    }
  };

  test('import --dry-run, review, align and extract: exit 0, or 1 with one line and a JSON error', async () => {
    const before = revision();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        glossaryFile,
        glossaryFile,
        fc.constantFrom('import', 'review', 'align', 'extract'),
        fileName,
        fc.boolean(),
        async (bytes, other, command, name, json) => {
          const file = join(dir, `${n++}-${name.replace(/\W/g, '_')}`);
          const second = `${file}.en`;
          writeFileSync(file, bytes);
          writeFileSync(second, other);
          const args = {
            import: ['import', file, '--dry-run'],
            review: ['review', file],
            align: ['align', file, second],
            extract: ['extract', file],
          }[command];
          const r = await cli(json ? [...args, '--json'] : args);
          const what = `${command} ${JSON.stringify(bytes.toString('latin1').slice(0, 80))}`;
          assert.ok(r.code === 0 || r.code === 1, what);
          assert.doesNotMatch(r.stderr, /\n\s+at /, `no stack: ${what}\n${r.stderr.slice(0, 300)}`);
          if (r.code === 1) {
            // Progress lines may come before it; the error itself is one line.
            assert.equal(r.stderr.match(/^termbridge: /gm)?.length, 1, `one error line: ${what}\n${r.stderr.slice(0, 300)}`);
            if (json) {
              const doc = JSON.parse(r.stdout);
              assert.ok(typeof doc.error?.code === 'string' || Array.isArray(doc.errors), `${what}: ${r.stdout.slice(0, 200)}`);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
    assert.equal(revision(), before, 'no command of these wrote to the glossary');
  });
});
