import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { type Database, openDatabase } from '../../db/connection.ts';
import { glossarySnapshot } from '../../db/snapshot.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { alignDocuments, alignmentToTmx } from '../../glossary/align/document-alignment.ts';
import { toTmx } from '../../glossary/align/tmx.ts';
import { conceptFromInput } from '../../glossary/concept/concept.ts';
import { buildMatcher } from '../../glossary/matching/matcher.ts';

let db: Database;
let run: (zh: string, en: string, beads?: { zh: number[]; en: number[] }[]) => ReturnType<typeof alignDocuments>;

before(() => {
  db = openDatabase(':memory:').db;
  seedStarterGlossary(db);
  const { concepts } = glossarySnapshot(db);
  const matcher = buildMatcher(concepts);
  const byId = new Map(concepts.map((c) => [c.id, c]));
  run = (zh, en, beads) => alignDocuments(zh, en, { matcher, concepts: byId, ...(beads ? { beads } : {}) });
});
after(() => db.close());

const issuesOf = (r: ReturnType<typeof alignDocuments>) =>
  r.pairs.flatMap((p, k) => p.issues.map((i) => ({ pair: k, type: i.type, concept: i.concept, zh: i.zh?.text, en: i.en?.text })));

describe('terminology QA on aligned pairs (starter glossary)', () => {
  test('one name rendered wrongly and one missing: exactly those two are reported', () => {
    const zh = ['秘书长特别代表访问了普里什蒂纳。', '他随后前往贝尔格莱德，会见了塞尔维亚官员。', '科索沃的局势依然平静。'].join('\n');
    const en = [
      'The Special Representative of the Secretary-General visited Pristina.',
      'He then travelled to Sofia to meet officials of Serbia.',
      'The situation remained calm.',
    ].join('\n');
    const r = run(zh, en);
    assert.deepEqual(
      r.pairs.map((p) => [p.zh, p.en]),
      [
        [[0], [0]],
        [[1], [1]],
        [[2], [2]],
      ],
    );
    assert.deepEqual(issuesOf(r), [
      { pair: 1, type: 'wrong', concept: 'Belgrade', zh: '贝尔格莱德', en: 'Sofia' },
      { pair: 2, type: 'missing', concept: 'Kosovo', zh: '科索沃', en: undefined },
    ]);
    assert.deepEqual(r.summary.issues, { missing: 1, wrong: 1, forbidden: 0, inconsistent: 0 });
  });

  test('a faithful translation, admitted forms and a name broken across lines included, has no issue', () => {
    const zh = '安理会成员欢迎普里什\n蒂纳和贝尔格莱德恢复对话。\n北约表示支持。';
    const en = 'Security Council members welcomed the resumption of dialogue between Prishtina and Belgrade.\nNATO expressed its support.';
    assert.deepEqual(issuesOf(run(zh, en)), []);
  });

  test('a name rendered inside a longer glossary name counts as rendered', () => {
    const r = run('各方恢复了贝尔格莱德与普里什蒂纳之间的对话。', 'The parties resumed the Belgrade-Pristina Dialogue.');
    assert.deepEqual(issuesOf(r), []);
  });

  test('a deprecated English form of the concept is a wrong rendering', () => {
    const r = run('代表团访问了基辅。', 'The delegation visited Kiev.');
    assert.deepEqual(issuesOf(r), [{ pair: 0, type: 'wrong', concept: 'Kyiv', zh: '基辅', en: 'Kiev' }]);
    assert.deepEqual(r.pairs[0]!.issues[0]!.expected, ['Kyiv']);
  });

  test('two approved renderings of one concept in a document: the less frequent one is inconsistent', () => {
    const zh = ['特别代表访问了普里什蒂纳。', '普里什蒂纳的局势平静。', '他随后离开了普里什蒂纳。'].join('\n');
    const en = ['The Special Representative visited Pristina.', 'The situation in Pristina was calm.', 'He then left Prishtina.'].join(
      '\n',
    );
    assert.deepEqual(issuesOf(run(zh, en)), [{ pair: 2, type: 'inconsistent', concept: 'Pristina', zh: undefined, en: 'Prishtina' }]);
  });

  test('an acronym next to the full form is not inconsistent', () => {
    const zh = ['北大西洋公约组织发表了声明。', '北约还表示支持。'].join('\n');
    const en = ['The North Atlantic Treaty Organization issued a statement.', 'NATO also expressed support.'].join('\n');
    assert.deepEqual(issuesOf(run(zh, en)), []);
  });

  // Issue 17: the UN names of these five states were missing from the glossary, so a correct UN translation was flagged.
  const FIVE_STATES_EN =
    "The representatives of the Democratic Republic of the Congo, Saint Vincent and the Grenadines, Viet Nam, the Democratic People's Republic of Korea and the Syrian Arab Republic made statements.";

  test('a correct UN-style sentence naming five states by their UN names raises no flag', () => {
    const zh = '刚果民主共和国、圣文森特和格林纳丁斯、越南、朝鲜民主主义人民共和国和阿拉伯叙利亚共和国的代表发了言。';
    const r = run(zh, FIVE_STATES_EN);
    assert.equal(r.pairs.length, 1);
    assert.deepEqual(issuesOf(r), []);
  });

  test('the five states written with common Chinese names and typographic apostrophes raise no flag either', () => {
    const zh = '刚果（金）、圣文森特和格林纳丁斯、越南、朝鲜和叙利亚的代表发了言。';
    assert.deepEqual(issuesOf(run(zh, FIVE_STATES_EN.replace("'", '\u2019'))), []);
  });

  test('a UN name on the English side is not taken for a shorter name inside it', () => {
    // "the Congo" inside "the Democratic Republic of the Congo" must not count as the Republic of the Congo.
    const r = run('刚果民主共和国代表发了言。', 'The representative of the Democratic Republic of the Congo made a statement.');
    assert.deepEqual(issuesOf(r), []);
    const wrong = run('刚果民主共和国代表发了言。', 'The representative of the Congo made a statement.');
    assert.deepEqual(
      issuesOf(wrong).map((i) => i.type),
      ['wrong'],
    );
  });

  test("the reviewer's corrected pairs are checked as given", () => {
    const zh = '他访问了科索沃。\n会议结束。';
    const en = 'The meeting ended.\nHe visited Kosovo.';
    const r = run(zh, en, [
      { zh: [0], en: [0] },
      { zh: [1], en: [1] },
    ]);
    assert.deepEqual(issuesOf(r), [{ pair: 0, type: 'missing', concept: 'Kosovo', zh: '科索沃', en: undefined }]);
    assert.throws(() => run(zh, en, [{ zh: [1], en: [0] }]), { code: 'invalid-beads' });
  });
});

describe('terminology QA with a forbidden term', () => {
  test('a forbidden English term is reported as forbidden, not also as missing', () => {
    const concept = conceptFromInput(
      {
        terms: [
          { text: '缅甸', lang: 'zh-CN', status: 'preferred' },
          { text: 'Myanmar', lang: 'en', status: 'preferred' },
          { text: 'Burma', lang: 'en', status: 'forbidden' },
        ],
      },
      1,
    );
    const r = alignDocuments('代表团访问了缅甸。', 'The delegation visited Burma.', {
      matcher: buildMatcher([concept]),
      concepts: new Map([[1, concept]]),
    });
    assert.deepEqual(issuesOf(r), [{ pair: 0, type: 'forbidden', concept: 'Myanmar', zh: undefined, en: 'Burma' }]);
  });
});

describe('TMX export', () => {
  test('is well-formed TMX 1.4 with srclang, xml:lang on each tuv and escaped segments', () => {
    const tmx = toTmx(
      [
        { source: '甲 <乙> & “丙”', target: 'A <b> & "c" \u0001' },
        { source: '只有中文', target: '' },
      ],
      { sourceLang: 'zh-CN', targetLang: 'en', creationDate: '20260101T000000Z' },
    );
    const parser = new SaxesParser({ xmlns: true });
    const segs: string[] = [];
    const langs: string[] = [];
    let header: Record<string, string> = {};
    let version = '';
    let inSeg = false;
    parser.on('opentag', (t) => {
      if (t.name === 'tmx') version = String(t.attributes.version?.value);
      if (t.name === 'header') header = Object.fromEntries(Object.entries(t.attributes).map(([k, v]) => [k, v.value]));
      if (t.name === 'tuv') langs.push(String(t.attributes['xml:lang']?.value));
      if (t.name === 'seg') {
        inSeg = true;
        segs.push('');
      }
    });
    parser.on('text', (text) => {
      if (inSeg) segs[segs.length - 1] += text;
    });
    parser.on('closetag', (t) => {
      if (t.name === 'seg') inSeg = false;
    });
    parser.write(tmx).close();
    assert.equal(version, '1.4');
    for (const attr of ['creationtool', 'creationtoolversion', 'segtype', 'o-tmf', 'adminlang', 'datatype']) assert.ok(header[attr], attr);
    assert.equal(header.srclang, 'zh-CN');
    assert.deepEqual(langs, ['zh-CN', 'en'], 'the unit with an empty side is left out');
    assert.deepEqual(segs, ['甲 <乙> & “丙”', 'A <b> & "c" ']);
  });

  test('an aligned document exports one unit per pair, sentences of a pair joined', () => {
    const r = run('他访问了科索沃。会议随后结束。', 'He visited Kosovo, after which the meeting ended.');
    const tmx = alignmentToTmx(r, { creationDate: '20260101T000000Z' });
    assert.equal(tmx.match(/<tu /g)?.length, 1);
    assert.match(tmx, /<seg>他访问了科索沃。会议随后结束。<\/seg>/);
  });
});
