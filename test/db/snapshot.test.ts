import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ConceptRepository } from '../../db/concepts.ts';
import { type Database, openDatabase } from '../../db/connection.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import { conceptRef } from '../../glossary/concept/types.ts';
import { buildMatcher } from '../../glossary/matching/matcher.ts';
import { alignWithGlossary } from '../../server/services/align.ts';
import { proposeCandidates } from '../../server/services/candidates.ts';
import { lookup } from '../../server/services/lookup.ts';
import { reviewWithGlossary } from '../../server/services/review.ts';

// Two connections on one WAL file, as the server and a CLI import are: `reader` serves,
// `writer` commits behind its back.
let dir: string;
let reader: Database;
let writer: Database;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'termbridge-snapshot-'));
  const path = join(dir, 'glossary.db');
  reader = openDatabase(path).db;
  seedStarterGlossary(reader);
  writer = openDatabase(path).db;
});
after(() => {
  reader.close();
  writer.close();
  rmSync(dir, { recursive: true, force: true });
});

const ZH = '泽尔纳维察合作组织';
const ZH_SHORT = '泽合组织';
const EN = 'Zhernavica Cooperation Organisation';
const zhDoc = `他会见了${ZH}（${ZH_SHORT}）秘书长。`;
const enDoc = 'He met the Secretary-General.';
const extract = () => proposeCandidates(reader, { text: zhDoc, name: 'doc', store: false, actor: 't' });
const forms = (list: { forms: { text: string }[] }[]) => list.flatMap((c) => c.forms.map((f) => f.text));

test('a concept committed on another connection reaches lookup, review, align QA and extraction', () => {
  // Warm every structure on the reader first, so that a stale cache would show.
  const before = glossarySnapshot(reader);
  assert.deepEqual(lookup(reader, ZH, 5).results, []);
  const reviewedBefore = reviewWithGlossary(reader, zhDoc, {}).matches.map((m) => m.conceptId);
  const missingBefore = alignWithGlossary(reader, zhDoc, enDoc).summary.issues.missing;
  const extractedBefore = extract();
  assert.ok(forms(extractedBefore.candidates).includes(ZH), 'proposed while unknown');

  const created = new ConceptRepository(writer).create(
    {
      subject: 'organisations',
      terms: [
        { text: ZH, lang: 'zh-CN', status: 'preferred' },
        { text: ZH_SHORT, lang: 'zh-CN', status: 'admitted', type: 'abbreviation' },
        { text: EN, lang: 'en', status: 'preferred' },
      ],
    },
    { actor: 'cli' },
  );

  const after = glossarySnapshot(reader);
  assert.ok(after.revision > before.revision, 'the reader sees the new revision');
  assert.equal(lookup(reader, ZH, 5).results[0]?.id, created.id, 'lookup');
  assert.deepEqual(
    reviewWithGlossary(reader, zhDoc, {})
      .matches.map((m) => m.conceptId)
      .filter((id) => !reviewedBefore.includes(id)),
    [conceptRef(created), conceptRef(created)],
    'review',
  );
  const qa = alignWithGlossary(reader, zhDoc, enDoc);
  assert.ok(qa.summary.issues.missing > missingBefore);
  assert.ok(
    qa.pairs.some((p) => p.issues.some((i) => i.type === 'missing' && i.conceptId === created.id)),
    'align QA reports the English name missing',
  );
  const extracted = extract();
  assert.ok(forms(extracted.known).includes(ZH), 'extraction knows the new name');
  assert.ok(!forms(extracted.candidates).includes(ZH), 'and no longer proposes it');
});

test('one snapshot is one revision: what it was built from does not move under a reader', () => {
  const snap = glossarySnapshot(reader);
  // The review structures share the snapshot's matcher, not a later one.
  assert.equal(snap.review.matcher, snap.matcher);
  new ConceptRepository(writer).create({ terms: [{ text: '卡拉布里亚', lang: 'zh-CN', status: 'preferred' }] }, { actor: 'cli' });
  assert.equal(snap.matcher.match('卡拉布里亚').length, 0, 'the old snapshot keeps its revision');
  assert.equal(snap.lookup.search('卡拉布里亚').length, 0);
  const next = glossarySnapshot(reader);
  assert.notEqual(next, snap);
  assert.equal(next.matcher.match('卡拉布里亚').length, 1);
  assert.equal(next.review.matcher, next.matcher);
  assert.equal(glossarySnapshot(reader), next, 'unchanged revision: the same snapshot');
});

test('after edits the snapshot patches its concept list and overlays its matcher: the same as reading and building anew', () => {
  const first = glossarySnapshot(reader);
  assert.ok(first.matcher.termCount > 0, 'a full matcher for the next snapshot to overlay');
  const repo = new ConceptRepository(writer);
  const added = repo.create({ terms: [{ text: '佩雷斯特罗卡', lang: 'zh-CN', status: 'preferred' }] }, { actor: 'cli' });
  const edited = repo.require(first.concepts[3]!.id);
  repo.update(edited.id, edited.version, { ...edited, note: 'edited behind the reader' }, { actor: 'cli' });
  repo.delete(first.concepts[5]!.id, undefined, { actor: 'cli' });
  const next = glossarySnapshot(reader);
  assert.ok(next.revision > first.revision);
  assert.deepEqual(next.concepts, new ConceptRepository(reader).all());
  assert.ok(next.concepts.some((c) => c.id === added.id));
  assert.equal(next.concepts.find((c) => c.id === edited.id)?.note, 'edited behind the reader');
  assert.ok(!next.concepts.some((c) => c.id === first.concepts[5]!.id));
  assert.equal(next.matcher.match('佩雷斯特罗卡').length, 1);
  const all = new ConceptRepository(reader).all();
  const names = [...first.concepts.slice(0, 8), ...next.concepts.slice(-3)].flatMap((c) => c.terms.map((t) => t.text));
  const text = `${names.join('，')} 佩雷斯特罗卡`;
  const spans = (ms: { start: number; end: number; conceptId: number }[]) => ms.map((m) => [m.start, m.end, m.conceptId]);
  assert.deepEqual(spans(next.matcher.match(text)), spans(buildMatcher(all).match(text)), 'overlay = full build');
});
