import * as OpenCC from 'opencc-js';
import { isHanChar } from '../text/chars.ts';
import { fold } from '../text/fold.ts';
import type { KnownIndex } from './known.ts';
import type { TranslitModel } from './model.ts';
import {
  AFTER_NAME,
  BEFORE_NAME,
  addressedNames,
  bracketAbbreviations,
  definitions,
  dottedNames,
  GENERIC_WORDS,
  type Hit,
  latinGlosses,
  type PatternContext,
  STOP_CHARS,
  transliterationRuns,
} from './patterns.ts';
import { evidenceAt, joinCjkLines, type PreparedText, prepareText, toOriginal } from './text.ts';
import type { Candidate, CandidateForm, Evidence } from './types.ts';

export interface ExtractOptions {
  known: KnownIndex;
  model: TranslitModel;
  /** folded keys a terminologist rejected: never proposed again */
  rejected?: ReadonlySet<string>;
  /** evidence sentences kept per candidate */
  maxEvidence?: number;
}

export interface ExtractResult {
  /** new terms, or new forms of a known concept (candidate.known set), best first */
  candidates: Candidate[];
  /** candidates whose every form the glossary already has: nothing to add */
  known: Candidate[];
  script: 'zh-CN' | 'zh-TW';
}

/** opencc-js converters, made on first use: loading their dictionaries at import slowed every start-up. */
let converters: { toTw: (s: string) => string; toCn: (s: string) => string } | undefined;
function opencc() {
  converters ??= { toTw: OpenCC.Converter({ from: 'cn', to: 'tw' }), toCn: OpenCC.Converter({ from: 'tw', to: 'cn' }) };
  return converters;
}
export const GUESS_NOTE = 'unverified opencc-js guess';

/**
 * Where forms occur in the folded text. A long document has thousands of distinct runs, and
 * one indexOf scan each would be quadratic; `prepare` finds a whole batch in one pass (one
 * lookup per position and distinct length), `of` answers from that, or scans for a stray one.
 */
class Occurrences {
  readonly #text: string;
  readonly #at = new Map<string, number[]>();
  constructor(text: string) {
    this.#text = text;
  }

  prepare(needles: Iterable<string>): void {
    const want = new Set<string>();
    for (const n of needles) if (n && !this.#at.has(n)) want.add(n);
    if (!want.size) return;
    const lengths = [...new Set([...want].map((n) => n.length))];
    for (const n of want) this.#at.set(n, []);
    const t = this.#text;
    for (let i = 0; i < t.length; i++) {
      for (const len of lengths) {
        if (i + len > t.length) continue;
        const list = want.has(t.slice(i, i + len)) ? this.#at.get(t.slice(i, i + len)) : undefined;
        if (list) list.push(i);
      }
    }
  }

  of(needle: string): number[] {
    let list = this.#at.get(needle);
    if (!list) {
      list = [];
      const t = this.#text;
      if (needle) for (let i = t.indexOf(needle); i >= 0; i = t.indexOf(needle, i + 1)) list.push(i);
      this.#at.set(needle, list);
    }
    return list;
  }
}

/**
 * Monolingual candidates from one document. Pattern hits (brackets, definitions, dotted
 * names, Latin glosses) come first; transliteration runs are looked for only where neither
 * a known term nor another hit already explains the text. Hits with the same primary form
 * are one candidate; its evidence is every place the form occurs.
 */
export function extractCandidates(text: string, options: ExtractOptions): ExtractResult {
  const doc = prepareText(text);
  const f = doc.folded.text;
  const knownSpans = options.known.spans(doc.masked, doc.folded);
  const knownEndingAt = new Map<number, number>();
  for (const [s, e] of knownSpans) knownEndingAt.set(e, s);
  const ctx: PatternContext = { doc, known: options.known, model: options.model, knownEndingAt };

  const hits: Hit[] = [
    ...bracketAbbreviations(ctx),
    ...definitions(ctx),
    ...latinGlosses(ctx),
    ...dottedNames(ctx),
    ...addressedNames(ctx),
  ];
  const occurrences = new Occurrences(f);
  occurrences.prepare(hits.map((h) => f.slice(h.forms[0]!.start, h.forms[0]!.end)));
  const covered = new Uint8Array(f.length + 1);
  for (const [s, e] of knownSpans) covered.fill(1, s, e);
  for (const h of hits) for (const form of h.forms) covered.fill(1, form.start, form.end);
  // Forms found by the patterns also explain their other occurrences.
  // Once per distinct form: n hits of one form would otherwise mark its n occurrences n times.
  const forms = new Set(hits.map((h) => f.slice(h.forms[0]!.start, h.forms[0]!.end)));
  for (const form of forms) for (const at of occurrences.of(form)) covered.fill(1, at, at + form.length);
  const runs = transliterationRuns(ctx, covered);

  const byKey = new Map<string, Candidate>();
  const maxEvidence = options.maxEvidence ?? 3;
  // Evidence is gathered once per form, not once per hit: a form repeated n times would
  // otherwise scan its n occurrences n times.
  const evidence = new Map<string, Evidence[]>();
  const evidenceOf = (key: string) => {
    let list = evidence.get(key);
    if (!list) {
      list = gatherEvidence(doc, key, occurrences, maxEvidence);
      evidence.set(key, list);
    }
    return list;
  };
  const add = (h: Hit) => {
    const candidate = toCandidate(doc, h, evidenceOf, occurrences);
    if (!candidate) return;
    const prior = byKey.get(candidate.key);
    if (prior) mergeInto(prior, candidate, maxEvidence);
    else byKey.set(candidate.key, candidate);
  };
  for (const h of hits) add(h);
  for (const r of scoreRuns(doc, runs, options.model, covered, occurrences)) add(r);

  for (const c of byKey.values()) c.evidence = c.evidence.slice(0, maxEvidence);
  return { ...partition([...byKey.values()], options.known, options.rejected), script: doc.script };
}

/**
 * Split candidates into what is new (or a new form of a known concept) and what the
 * glossary has entirely; drop rejected keys; best first.
 */
export function partition(
  list: Candidate[],
  known: KnownIndex,
  rejected: ReadonlySet<string> = new Set(),
): { candidates: Candidate[]; known: Candidate[] } {
  const fresh: Candidate[] = [];
  const old: Candidate[] = [];
  for (const c of list) {
    if (rejected.has(c.key)) continue;
    markKnown(c, known);
    if (c.known && c.known.forms.length === c.forms.filter((x) => x.verified).length) old.push(c);
    else fresh.push(c);
  }
  const order = (a: Candidate, b: Candidate) => b.score - a.score || b.frequency - a.frequency || a.key.localeCompare(b.key);
  return { candidates: fresh.sort(order), known: old.sort(order) };
}

/**
 * A transliteration run is only a guess: score it by how name-like its characters are,
 * how long it is, how often it recurs and whether it stands on word boundaries. A run
 * that only ever appears inside a longer word (潘|基文, 泽连|斯基) or that is another run
 * plus a stray character (普里什蒂纳|开展) is dropped. Two-character runs are common
 * words as often as names (特别, 亚速), so they must recur and stand on boundaries.
 */
/** Mean log name-count below which a run is ordinary words (其他领域 → 他领域). */
const MIN_NAME_LIKE = 1.8;

function scoreRuns(doc: PreparedText, runs: Hit[], model: TranslitModel, covered: Uint8Array, occurrences: Occurrences): Hit[] {
  const f = doc.folded.text;
  const byForm = new Map<string, Hit>();
  for (const r of runs) {
    const form = f.slice(r.forms[0]!.start, r.forms[0]!.end);
    if (!byForm.has(form)) byForm.set(form, r);
  }
  const forms = new Set(byForm.keys());
  occurrences.prepare(forms);
  const out: Hit[] = [];
  // A boundary is good when the neighbour cannot be part of the name: not Han, already
  // explained, a stop word, a title or verb; a neighbour used in names suggests a fragment.
  const good = (j: number, set: Set<string>) => {
    const ch = f[j];
    return ch === undefined || !isHanChar(ch) || covered[j] === 1 || STOP_CHARS.has(ch) || set.has(ch);
  };
  const fragment = (j: number, set: Set<string>) => !good(j, set) && model.isNameChar(f[j]!);
  for (const [form, r] of byForm) {
    const at = occurrences.of(form);
    const n = at.length;
    const core = r.subject ? form.slice(0, -1) : form;
    const nameLike = model.score(core);
    if (core.length < 2 || nameLike === 0 || GENERIC_WORDS.has(core)) continue;
    // another, shorter run that occurs on its own explains this one
    let explained = false;
    for (let k = 2; k < form.length && !explained; k++) {
      for (const p of [form.slice(0, k), form.slice(form.length - k)]) if (forms.has(p) && occurrences.of(p).length > n) explained = true;
    }
    if (explained) continue;
    const left = at.filter((i) => good(i - 1, BEFORE_NAME)).length;
    const right = at.filter((i) => good(i + form.length, AFTER_NAME)).length;
    const leftFragment = at.filter((i) => fragment(i - 1, BEFORE_NAME)).length;
    const rightFragment = at.filter((i) => fragment(i + form.length, AFTER_NAME)).length;
    // seen at least once ending on a boundary, and not always inside a longer word
    if (right === 0 || leftFragment === n || rightFragment === n) continue;
    if (core.length === 2 && (n < 3 || left * 2 < n || right * 2 < n)) continue;
    if (nameLike < MIN_NAME_LIKE) continue;
    const bounded = (left + right) / (2 * n);
    const length = Math.min(core.length, 5) / 5;
    const recurrence = Math.min(Math.log2(1 + n) / 3, 1);
    r.confidence = Math.min(0.8, 0.1 + 0.25 * (nameLike / 5) + 0.15 * length + 0.15 * recurrence + 0.2 * bounded);
    if (core.length > 7) r.confidence *= 0.6;
    if (process.env.TB_DEBUG_RUNS) console.error('run', form, n, nameLike.toFixed(2), left, right, r.confidence.toFixed(3));
    out.push(r);
  }
  return out;
}

function formText(doc: PreparedText, start: number, end: number, latin: boolean): string {
  const [s, e] = toOriginal(doc, start, end);
  const written = doc.masked.slice(s, e);
  return latin ? written.replace(/\s+/g, ' ').trim() : joinCjkLines(written).replace(/\s+/g, ' ').trim();
}

function toCandidate(doc: PreparedText, h: Hit, evidenceOf: (key: string) => Evidence[], occurrences: Occurrences): Candidate | null {
  const f = doc.folded.text;
  const forms: CandidateForm[] = [];
  for (const hf of h.forms) {
    // a name written in parts with a space between is written with the middle dot
    const text = hf.parts
      ? hf.parts.map(([s, e]) => formText(doc, s, e, false)).join('·')
      : formText(doc, hf.start, hf.end, Boolean(hf.latin));
    if (!text) return null;
    const lang = hf.latin ? 'en' : doc.script;
    if (!forms.some((x) => x.lang === lang && x.text === text)) forms.push({ text, lang, type: hf.type, verified: true });
  }
  const primary = h.forms[0]!;
  const key = f.slice(primary.start, primary.end);
  // Organisation names and agreements are translated word by word, where opencc-js is right
  // about 後 and 裡; names are sounds.
  addGuesses(forms, h.subject !== 'organisation' && h.subject !== 'agreement');
  return {
    key,
    kind: h.kind,
    forms,
    score: round(h.confidence),
    frequency: occurrences.of(key).length,
    evidence: [...evidenceOf(key)],
    subject: h.subject,
    known: null,
  };
}

/** Up to `max` distinct sentences in which the folded form occurs. */
function gatherEvidence(doc: PreparedText, key: string, occurrences: Occurrences, max: number): Evidence[] {
  const evidence: Evidence[] = [];
  const sentences = new Set<string>();
  for (const at of occurrences.of(key)) {
    const [s, e] = toOriginal(doc, at, at + key.length);
    const ev = evidenceAt(doc, s, e);
    if (sentences.has(ev.sentence)) continue;
    sentences.add(ev.sentence);
    evidence.push(ev);
    if (evidence.length >= max) break;
  }
  return evidence;
}

/**
 * Characters opencc-js writes for a Simplified character with several Traditional ones, where
 * names take the other: 里 → 裡/裏 (a transliteration keeps 里: 阿赫蒂薩裡 is wrong, and Taiwan
 * writes 阿提沙利 anyway), 后 → 後, 于 → 於, 范 → 範, 松 → 鬆, 谷 → 穀, 台 → 臺/颱/檯 …
 * A guess containing one is not offered. Written for this project from opencc-js's own output.
 */
const NAME_TRAPS = /[裡裏後於範鬆穀隻麵製臺颱檯髮衝纔餘鬥藉徵係繫麴]/u;
export const UNKNOWN_NOTE = 'form unknown: opencc-js gives';

/**
 * The other script's form, guessed by opencc-js and marked unverified: script conversion
 * does not know regional usage (贝尔格莱德 → 貝爾格萊德, not 貝爾格勒), so a person decides.
 * For a name (`name`), a guess that falls into a known trap is not offered at all: the form
 * it converted says the other script's form is unknown instead.
 */
export function addGuesses(forms: CandidateForm[], name = true): void {
  for (const form of [...forms]) {
    if (!form.verified) continue;
    const other = form.lang === 'zh-CN' ? 'zh-TW' : form.lang === 'zh-TW' ? 'zh-CN' : null;
    if (!other || forms.some((x) => x.lang === other && x.type === form.type)) continue;
    const text = other === 'zh-TW' ? opencc().toTw(form.text) : opencc().toCn(form.text);
    const trap = name && other === 'zh-TW' ? NAME_TRAPS.exec(text) : null;
    if (trap) {
      const note = `${other} ${UNKNOWN_NOTE} ${text}, but names do not use ${trap[0]}`;
      form.note = form.note ? `${form.note}; ${note}` : note;
      continue;
    }
    forms.push({ text, lang: other, type: form.type, verified: false, note: GUESS_NOTE });
  }
}

/** Forms one candidate may collect from its hits: more is noise no reviewer reads, and unbounded merging is quadratic. */
const MAX_FORMS = 12;

function mergeInto(a: Candidate, b: Candidate, maxEvidence: number): void {
  for (const form of b.forms) {
    const same = a.forms.find((x) => x.lang === form.lang && x.text === form.text);
    if (!same) {
      if (a.forms.length < MAX_FORMS) a.forms.push(form);
    } else if (form.verified && !same.verified) Object.assign(same, form);
  }
  // Pattern evidence beats a bare run: keep the stronger kind, and reward agreement.
  if (b.score > a.score) {
    a.kind = b.kind;
    a.subject = b.subject ?? a.subject;
  }
  a.score = round(Math.min(1, Math.max(a.score, b.score) + 0.05));
  a.subject ??= b.subject;
  if (a.evidence.length >= maxEvidence) return;
  const seen = new Set(a.evidence.map((e) => e.sentence));
  for (const e of b.evidence) if (!seen.has(e.sentence) && a.evidence.length < maxEvidence) a.evidence.push(e);
}

function markKnown(c: Candidate, known: KnownIndex): void {
  const hits = new Map<number, string[]>();
  for (const form of c.forms) {
    if (!form.verified) continue;
    const id = known.conceptOf(fold(form.text));
    if (id === undefined) continue;
    const list = hits.get(id);
    if (list) list.push(form.text);
    else hits.set(id, [form.text]);
  }
  let best: [number, string[]] | null = null;
  for (const entry of hits) if (!best || entry[1].length > best[1].length) best = entry;
  c.known = best ? { conceptId: best[0], forms: best[1] } : null;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
