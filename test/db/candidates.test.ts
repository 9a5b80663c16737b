import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { CandidateRepository } from '../../db/candidates.ts';
import { ConceptRepository } from '../../db/concepts.ts';
import { type Database, openDatabase } from '../../db/connection.ts';
import { isTermbridgeError } from '../../glossary/errors.ts';
import { proposeCandidates } from '../../server/services/candidates.ts';

const DOC = '古特雷斯的发言人杜加里克（Stephane Dujarric）在一份声明中表示。安理会就欧洲安全与合作组织(欧安组织)问题举行会议。';

describe('the candidate review queue', () => {
  let db: Database;
  let queue: CandidateRepository;
  let concepts: ConceptRepository;
  beforeEach(() => {
    db = openDatabase(':memory:').db;
    queue = new CandidateRepository(db);
    concepts = new ConceptRepository(db);
  });

  const submit = (text = DOC, name = 'doc.txt') => proposeCandidates(db, { text, name, store: true, actor: 'tester' });
  const byText = (text: string) => queue.list({ status: 'pending' }).find((c) => c.forms.some((f) => f.text === text))!;

  test('extraction stores the candidates of a document as pending, with forms and evidence', () => {
    const r = submit();
    assert.ok(r.documentId);
    const c = byText('杜加里克');
    assert.equal(c.status, 'pending');
    assert.equal(c.documentName, 'doc.txt');
    assert.ok(c.forms.some((f) => f.text === 'Stephane Dujarric' && f.lang === 'en'));
    assert.match(c.evidence[0]!.sentence, /杜加里克/);
    assert.equal(DOC.slice(c.evidence[0]!.start, c.evidence[0]!.end), '杜加里克');
  });

  test('accepting creates the concept through the concept store, with history and the actor', () => {
    submit();
    const c = byText('欧安组织');
    const { concept, candidate } = queue.accept(c.id, { actor: 'terminologist' });
    assert.equal(candidate.status, 'accepted');
    assert.equal(candidate.conceptId, concept.id);
    assert.deepEqual(
      concept.terms.map((t) => [t.text, t.lang, t.status, t.type]),
      [
        ['欧洲安全与合作组织', 'zh-CN', 'preferred', 'fullForm'],
        ['欧安组织', 'zh-CN', 'admitted', 'abbreviation'],
      ],
      'the unverified zh-TW guess is not stored unless kept',
    );
    const history = concepts.history(concept.id);
    assert.equal(history.length, 1);
    assert.equal(history[0]!.actor, 'terminologist');
    assert.equal(history[0]!.action, 'create');
  });

  test('a kept opencc-js guess is stored as admitted with a note that it is unverified', () => {
    submit();
    const c = byText('欧安组织');
    const { concept } = queue.accept(c.id, { actor: 't', forms: c.forms });
    const tw = concept.terms.filter((t) => t.lang === 'zh-TW');
    assert.equal(tw.length, 2);
    for (const t of tw) {
      assert.equal(t.status, 'admitted');
      assert.equal(t.note, 'unverified opencc-js guess');
    }
  });

  test('forms can be edited before accepting', () => {
    submit();
    const c = byText('杜加里克');
    queue.editForms(c.id, [
      { text: '斯特凡纳·杜加里克', lang: 'zh-CN', type: 'fullForm', verified: true },
      { text: 'Stéphane Dujarric', lang: 'en', type: 'fullForm', verified: true },
    ]);
    const { concept } = queue.accept(c.id, { actor: 't' });
    assert.deepEqual(
      concept.terms.map((t) => t.text),
      ['斯特凡纳·杜加里克', 'Stéphane Dujarric'],
    );
  });

  test('a rejected candidate is remembered by its folded form and never proposed again', () => {
    submit();
    const c = byText('杜加里克');
    queue.reject(c.id, { actor: 't' });
    assert.equal(queue.get(c.id)!.status, 'rejected');
    // The same name in another document, in Traditional script: folds to the same key.
    const again = submit('古特雷斯的發言人杜加里克（Stephane Dujarric）表示。', 'other.txt');
    assert.equal(again.candidates.filter((x) => x.key === '杜加里克').length, 0);
    assert.equal(byText('杜加里克'), undefined);
  });

  test('merging adds the new forms to an existing concept, and refuses a stale version', () => {
    const existing = concepts.create(
      { subject: 'person', terms: [{ text: 'Stéphane Dujarric', lang: 'en', status: 'preferred' }] },
      { actor: 'seed' },
    );
    submit();
    const c = byText('杜加里克');
    const stale = queue.list().find((x) => x.id === c.id)!;
    concepts.update(existing.id, existing.version, { ...existing, note: 'UN spokesperson' }, { actor: 'someone' });
    assert.throws(
      () => queue.merge(stale.id, { actor: 't', conceptId: existing.id, version: existing.version }),
      (e) => isTermbridgeError(e) && e.code === 'version-conflict' && e.status === 409,
    );
    assert.equal(queue.get(c.id)!.status, 'pending', 'nothing changed on a conflict');
    const { concept, candidate } = queue.merge(c.id, { actor: 't', conceptId: existing.id, version: existing.version + 1 });
    assert.equal(candidate.status, 'merged');
    assert.deepEqual(
      concept.terms.map((t) => [t.text, t.lang, t.status]),
      [
        ['Stéphane Dujarric', 'en', 'preferred'],
        ['杜加里克', 'zh-CN', 'admitted'],
      ],
      'Stephane Dujarric folds like Stéphane Dujarric: not added twice',
    );
    assert.equal(concepts.history(existing.id)[0]!.actor, 't');
  });

  test('a decided candidate cannot be decided again', () => {
    submit();
    const c = byText('杜加里克');
    queue.reject(c.id, { actor: 't' });
    assert.throws(
      () => queue.accept(c.id, { actor: 't' }),
      (e) => isTermbridgeError(e) && e.code === 'candidate-decided' && e.status === 409,
    );
  });

  test('a candidate already waiting in the queue is not queued twice from another document', () => {
    submit();
    const second = submit(DOC, 'copy.txt');
    assert.equal(second.candidates.length, 0);
    assert.ok(second.skipped >= 2);
  });
});

describe('extraction with an English counterpart', () => {
  test('the documents are aligned and a name that recurs with the same English becomes a zh/en candidate', () => {
    const db = openDatabase(':memory:').db;
    const zh = '建设和平委员会今天举行会议。会议由主席主持。建设和平委员会通过了报告。各国代表发言。建设和平委员会将于明年再次开会。';
    const en =
      'The Peacebuilding Commission met today. The meeting was chaired by the President. The Peacebuilding Commission adopted its report. Representatives of States spoke. The Peacebuilding Commission will meet again next year.';
    const r = proposeCandidates(db, { text: zh, en, name: 'pbc', store: false, actor: 't' });
    assert.ok(r.pairs >= 4, `aligned pairs: ${r.pairs}`);
    const c = r.candidates.find((x) => x.key === '建设和平委员会');
    assert.ok(c, JSON.stringify(r.candidates.map((x) => x.forms.map((f) => f.text))));
    assert.ok(c.forms.some((f) => f.text === 'Peacebuilding Commission' && f.lang === 'en'));
    assert.ok(c.evidence.some((e) => e.en?.includes('Peacebuilding Commission')));
  });
});
