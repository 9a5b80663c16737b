import fc from 'fast-check';

/**
 * The hostile-import fuzz inputs: TBX and CSV files cut and spliced at random places, random
 * strings and random bytes. One generator for the fuzz test (test/db/interchange.test.ts, which
 * asserts what each case does) and the benchmark (scripts/bench/attack.ts, which times them),
 * so both see the same cases.
 */
const TBX =
  '<?xml version="1.0"?><martif type="TBX-Basic"><text><body><termEntry id="e1"><descrip type="subjectField">s</descrip><langSet xml:lang="en"><tig><term>a</term><termNote type="partOfSpeech">noun</termNote></tig></langSet></termEntry><termEntry id="e2"><langSet xml:lang="zh"><tig><term>乙</term></tig></langSet></termEntry></body></text></martif>';
const CSV = 'en,zh-CN,note\n"a, b",乙,"x ""y"""\nc,丙,\n';

const mutated = fc
  .tuple(fc.constantFrom(TBX, CSV), fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.string({ maxLength: 6 })), { maxLength: 5 }))
  .map(([s, edits]) =>
    edits.reduce<string>((acc, [at, del, ins]) => acc.slice(0, at % (acc.length + 1)) + ins + acc.slice((at % (acc.length + 1)) + del), s),
  );

export const hostileImportInput: fc.Arbitrary<string> = fc.oneof(
  mutated,
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a).toString('latin1')),
);

export const HOSTILE_IMPORT_RUNS = 300;
export const HOSTILE_IMPORT_SEED = 20261125;
