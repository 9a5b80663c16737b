import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import {
  alignmentToBeads,
  alignmentToTmx,
  chineseSide,
  type DocumentSide,
  sentenceLines,
} from '../../glossary/align/document-alignment.ts';
import { isValidLangTag } from '../../glossary/concept/lang.ts';
import { alignWithGlossary } from '../services/align.ts';
import { type CliContext, CliError, printJson } from './context.ts';
import { readDocumentFile } from './read-document.ts';

const USAGE = 'usage: termbridge align FILE FILE [--sentences] [--json] [--beads FILE] [--tmx FILE] [--srclang TAG] [--targetlang TAG]';

/** A file as text, or a one-line refusal (missing, binary, not UTF-8, too large, empty). */
function readText(path: string): string {
  const text = readDocumentFile(path).replace(/^\uFEFF/, '');
  if (!text.trim()) throw new CliError(`${path} is empty: both files need some text`);
  return text;
}

/**
 * `termbridge align FILE FILE`: align a Chinese document with its English counterpart (in
 * either order: the Chinese one is told by its script) and check each glossary name's
 * rendering. `--sentences` takes each line of each file as one sentence, as given; the
 * indices of `--json` and `--beads` are then those lines (0-based). `--beads FILE` writes
 * the pairs in vecalign's `[i,j]:[k]` format, the first file's side first. `--tmx FILE`
 * writes a TMX whose source is the first file, its language tags those of the documents
 * unless --srclang/--targetlang set them. Without --json it prints the pairs that have
 * issues, one per block.
 */
export function align(ctx: CliContext): void {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    options: {
      tmx: { type: 'string' },
      beads: { type: 'string' },
      sentences: { type: 'boolean' },
      srclang: { type: 'string' },
      targetlang: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [firstPath, secondPath, ...extra] = positionals;
  if (!firstPath || !secondPath || extra.length) throw new CliError(USAGE);
  for (const tag of [values.srclang, values.targetlang]) {
    if (tag !== undefined && !isValidLangTag(tag)) throw new CliError(`"${tag}" is not a language tag (expected e.g. zh-TW or en)`);
  }
  const side = (path: string): DocumentSide => {
    const text = readText(path);
    return values.sentences ? sentenceLines(text) : text;
  };
  const first = side(firstPath);
  const second = side(secondPath);
  const enFirst = chineseSide(first, second) === 1;
  const [zh, en] = enFirst ? [second, first] : [first, second];
  const { db } = openDatabase(ctx.dbPath);
  try {
    const result = alignWithGlossary(db, zh, en);
    if (values.beads) {
      writeFileSync(values.beads, alignmentToBeads(result, enFirst ? 'en' : 'zh'));
      ctx.stderr.write(`beads written to ${values.beads}\n`);
    }
    if (values.tmx) {
      const [srcTag, tgtTag] = [values.srclang, values.targetlang];
      const zhLang = enFirst ? tgtTag : srcTag;
      const enLang = enFirst ? srcTag : tgtTag;
      writeFileSync(
        values.tmx,
        alignmentToTmx(result, { source: enFirst ? 'en' : 'zh', ...(zhLang ? { zhLang } : {}), ...(enLang ? { enLang } : {}) }),
      );
      ctx.stderr.write(`TMX written to ${values.tmx}\n`);
    }
    if (ctx.json) {
      printJson(ctx, result);
      return;
    }
    const { summary, pairs, sentences } = result;
    ctx.stdout.write(
      `${summary.pairs} pairs; issues: ${summary.issues.missing} missing, ${summary.issues.wrong} wrong, ${summary.issues.forbidden} forbidden, ${summary.issues.inconsistent} inconsistent\n`,
    );
    pairs.forEach((p, k) => {
      if (!p.issues.length) return;
      ctx.stdout.write(
        `\n#${k + 1}  zh: ${p.zh.map((i) => sentences.zh[i]).join('')}\n     en: ${p.en.map((j) => sentences.en[j]).join(' ')}\n`,
      );
      for (const issue of p.issues) ctx.stdout.write(`     ${issue.type}: ${issue.message}\n`);
    });
  } finally {
    db.close();
  }
}
