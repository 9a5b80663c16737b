import type { TermType } from '../concept/types.ts';
import { HAN_CLASS as HAN, isHanChar as isHan } from '../text/chars.ts';
import type { KnownIndex } from './known.ts';
import { NOT_SOUNDS, type TranslitModel } from './model.ts';
import type { PreparedText } from './text.ts';
import type { CandidateKind } from './types.ts';

const BRACKETED_HAN = new RegExp(`\\((${HAN}{2,12})\\)`, 'gu');

/**
 * The monolingual patterns. Each runs over the folded text (Simplified, half-width, line
 * breaks between CJK characters dropped, so `…行政当局\n特派团(` is one name) and
 * reports spans in folded offsets; extract.ts maps them back and gathers evidence.
 */

export interface HitForm {
  start: number;
  end: number;
  type: TermType | null;
  /** for Latin forms: the text as written (folding lower-cases it) */
  latin?: boolean;
  /**
   * For a name written in parts with a space between (`格奥尔基 阿纳尼耶夫`): the folded spans
   * of its parts, which the form joins with a middle dot as Chinese writes the name.
   */
  parts?: [number, number][];
}

export interface Hit {
  kind: CandidateKind;
  /** the first form is the primary one: its folded text is the candidate's key */
  forms: HitForm[];
  /** pattern confidence, 0..1 */
  confidence: number;
  subject: string | null;
}

export interface PatternContext {
  doc: PreparedText;
  known: KnownIndex;
  model: TranslitModel;
  /** known spans by end position (folded), for extending a full name over a known prefix */
  knownEndingAt: Map<number, number>;
}

/**
 * Characters and words that end a name when reading backwards from a bracket: a name does
 * not run across "the", "in", "on", "and"… 和/与/及 do occur inside names
 * (欧洲安全与合作组织, 波斯尼亚和黑塞哥维那); where an abbreviation tells us how far the
 * name reaches they are crossed, otherwise they stop it.
 */
export const STOP_CHARS = new Set([...'就在的和与对了是为由将向从把被于以并或等也还及同跟称说指据即而但又使让给到之其该此这那有']);
const STOP_WORDS = ['关于', '以及', '包括', '通过', '根据', '其中', '作为', '举行', '设立', '成立', '参加', '支持', '代表', '通报'];
const MAX_NAME = 40;

/**
 * What may stand right before a name: the end of a title or role (总统, 外长, 发言人,
 * 秘书) or a verb of meeting; and right after one: a verb of saying or a particle. Used
 * only to judge transliteration runs, whose edges are otherwise guesses.
 */
export const BEFORE_NAME = new Set([...'长人书统理席官使员相帅王后帝者家师见晤访问同向对给与和及、']);
export const AFTER_NAME = new Set([...'说表称指认强还也已曾将则访会见回问同提在的和与及对向于等率则重反早此']);

/**
 * Titles and forms of address stand beside a name but are not part of it (先生, 大使,
 * 部长 …): a name that reaches one stops there. Written for this project.
 */
const TITLES = [
  '先生',
  '女士',
  '夫人',
  '小姐',
  '阁下',
  '殿下',
  '陛下',
  '博士',
  '教授',
  '大使',
  '公使',
  '特使',
  '部长',
  '外长',
  '大臣',
  '总统',
  '总理',
  '首相',
  '主席',
  '秘书长',
  '秘书',
  '代表',
  '团长',
  '司令',
  '将军',
  '议员',
  '法官',
  '参赞',
  '领事',
  '顾问',
];
/**
 * Verbs and pronouns that stand right before or after a name in official prose (任命X担任,
 * 邀请X出席, X协助他). Their characters are rarely in transliterations, but a name marked by
 * a dot is allowed a few such characters, so they are named here. Written for this project.
 */
const NAME_NEIGHBOURS = [
  '任命',
  '担任',
  '决定',
  '邀请',
  '会见',
  '会晤',
  '接见',
  '出席',
  '主持',
  '宣布',
  '欢迎',
  '感谢',
  '通知',
  '提名',
  '委派',
  '指派',
  '派遣',
  '陪同',
  '协助',
  '领导',
  '签署',
  '致辞',
  '发言',
  '表示',
  '指出',
  '强调',
  '认为',
  '希望',
  '赞扬',
  '接替',
];
const PRONOUNS = new Set([...'他她我你您们其']);
const BOUNDARY_WORDS = [...TITLES, ...NAME_NEIGHBOURS];

/** A title, verb or pronoun starts at `i` (reading forwards) or ends at `i` (backwards). */
function boundaryWordAt(f: string, i: number, dir: -1 | 1): boolean {
  if (PRONOUNS.has(f[dir === 1 ? i : i - 1] ?? '')) return true;
  for (const w of BOUNDARY_WORDS) if (dir === 1 ? f.startsWith(w, i) : i >= w.length && f.startsWith(w, i - w.length)) return true;
  return false;
}

/** A space in the original between folded units i - 1 and i (see PreparedText.gaps). */
const spaceBefore = (ctx: PatternContext, i: number) => ctx.doc.gaps[i] === 1;

/**
 * How far back from `end` Han text runs without crossing punctuation, digits, Latin or a
 * space the original had between two Han characters. A hyphen or middle dot between Han
 * characters is inside a name (欧洲-大西洋伙伴关系理事会).
 */
function hanWindowStart(ctx: PatternContext, end: number): number {
  const f = ctx.doc.folded.text;
  let w = end;
  while (w > 0 && end - w < MAX_NAME && (w === end || !spaceBefore(ctx, w))) {
    const ch = f[w - 1];
    if (isHan(ch) || ((ch === '-' || ch === '·') && isHan(f[w - 2]) && isHan(f[w]))) w--;
    else break;
  }
  return w;
}

/** Start of a name ending at `end` when nothing else tells: after the last stop word. */
function stopBoundary(f: string, w: number, end: number): number {
  for (let s = end - 1; s > w; s--) {
    if (STOP_CHARS.has(f[s - 1]!)) return s;
    for (const word of STOP_WORDS) if (s - word.length >= w && f.startsWith(word, s - word.length)) return s;
  }
  return w;
}

/** The latest start from which `abbr` is an in-order subsequence of f[start, end) beginning with abbr[0]. */
function subsequenceStart(f: string, w: number, end: number, abbr: string): number | null {
  let k = abbr.length - 1;
  let s = end - 1;
  // Match abbr backwards greedily (latest positions), so the name is as short as the abbreviation allows.
  for (; s >= w && k >= 0; s--) if (f[s] === abbr[k]) k--;
  if (k >= 0) return null;
  return s + 1;
}

/**
 * Where a full name ending at `end` starts. With an abbreviation, the name must contain the
 * abbreviation's characters in order (欧安组织 ⊂ 欧洲安全与合作组织), which fixes its
 * latest possible start; from there it extends left over a known name that ends exactly
 * there (联合国 + 科索沃临时行政当局特派团), never over a stop word.
 */
function fullNameStart(ctx: PatternContext, end: number, abbr?: string): number | null {
  const f = ctx.doc.folded.text;
  const w = hanWindowStart(ctx, end);
  if (end - w < 2) return null;
  if (!abbr) return stopBoundary(f, w, end);
  let s = subsequenceStart(f, w, end, abbr);
  if (s === null) return null;
  // A known name that ends right at the bracket is the name, whatever the abbreviation says.
  const whole = ctx.knownEndingAt.get(end);
  if (whole !== undefined && whole >= w && whole <= s) return whole;
  for (;;) {
    const k = ctx.knownEndingAt.get(s);
    if (k !== undefined && k >= w && !STOP_CHARS.has(f[k]!)) s = k;
    else break;
  }
  return s;
}

const ORG_HEAD =
  /(组织|委员会|理事会|特派团|代表团|观察团|监察团|部队|联盟|同盟|办公室|办事处|秘书处|法庭|法院|分庭|银行|基金|基金会|机构|署|局|部|院|会|党|社|团|军|集团|公司|协会|大学|论坛|中心|计划|方案)$/;
const AGREEMENT_HEAD = /(协定|协议|条约|公约|议定书|宪章|备忘录|决议|宣言)$/;

function guessSubject(zh: string): string | null {
  if (ORG_HEAD.test(zh)) return 'organisation';
  if (AGREEMENT_HEAD.test(zh)) return 'agreement';
  return null;
}

/** 欧洲安全与合作组织(欧安组织): a full name and its short form in brackets. */
export function bracketAbbreviations(ctx: PatternContext): Hit[] {
  const f = ctx.doc.folded.text;
  const hits: Hit[] = [];
  for (const m of f.matchAll(BRACKETED_HAN)) {
    const abbr = m[1]!;
    const open = m.index!;
    if ([...abbr].some((ch) => STOP_CHARS.has(ch) && !'与和及'.includes(ch))) continue;
    const start = fullNameStart(ctx, open, abbr);
    if (start === null || open - start <= abbr.length) continue;
    const full = f.slice(start, open);
    if (full === abbr) continue;
    hits.push({
      kind: 'bracket-abbreviation',
      forms: [
        { start, end: open, type: 'fullForm' },
        { start: open + 1, end: open + 1 + abbr.length, type: 'abbreviation' },
      ],
      confidence: 0.95,
      subject: guessSubject(full),
    });
  }
  return hits;
}

const DEFINITION = new RegExp(`(以下简称|以下称|下称|简称)为?(?:["'“‘「『]([^"'”’」』\\n]{1,24})["'”’」』]|(${HAN}{2,12}))`, 'gu');

/** "hereinafter": …组织(以下简称“欧安组织”), 下称欧大理事会. */
export function definitions(ctx: PatternContext): Hit[] {
  const f = ctx.doc.folded.text;
  const hits: Hit[] = [];
  for (const m of f.matchAll(DEFINITION)) {
    const quoted = m[2];
    let short = quoted ?? m[3]!;
    let shortStart = m.index! + m[1]!.length + (m[0].length - m[1]!.length - short.length - (quoted ? 1 : 0));
    shortStart = f.indexOf(short, m.index! + m[1]!.length);
    // The defined name stands just before, often with a bracket or comma between.
    let end = m.index!;
    while (end > 0 && '(,、，:：'.includes(f[end - 1]!)) end--;
    if (!quoted && shortStart >= 0) short = unquotedShortForm(ctx, shortStart, short, end);
    if (short.length < 2 || shortStart < 0) continue;
    const shortForm: HitForm = { start: shortStart, end: shortStart + short.length, type: 'shortForm' };
    const start = fullNameStart(ctx, end, short) ?? fullNameStart(ctx, end);
    const forms: HitForm[] = [];
    if (start !== null && end - start > short.length) forms.push({ start, end, type: 'fullForm' });
    forms.push(shortForm);
    if (forms.length === 2 && isAbbreviationOf(short, f.slice(start!, end))) shortForm.type = 'abbreviation';
    hits.push({
      kind: 'definition',
      forms,
      confidence: forms.length === 2 ? 0.9 : 0.7,
      subject: guessSubject(f.slice(forms[0]!.start, forms[0]!.end)),
    });
  }
  return hits;
}

/**
 * Where an unquoted short form (下称欧大理事会) ends: at the next stop character or space the
 * original had (a letter whose punctuation was lost: `下称欧大理事会 索非亚国防部长会议`); and
 * when the name before it abbreviates, at the longest prefix that is still an abbreviation of
 * it (欧大理事会索非亚 → 欧大理事会: 索 is not in 欧洲-大西洋伙伴关系理事会 after 会).
 */
function unquotedShortForm(ctx: PatternContext, start: number, short: string, fullEnd: number): string {
  const f = ctx.doc.folded.text;
  let cut = short.length;
  for (let i = 1; i < short.length; i++)
    if ((i >= 2 && STOP_CHARS.has(short[i]!)) || spaceBefore(ctx, start + i)) {
      cut = i;
      break;
    }
  short = short.slice(0, cut);
  for (let k = short.length; k >= 2; k--) {
    const s = fullNameStart(ctx, fullEnd, short.slice(0, k));
    if (s !== null && fullEnd - s > k) return short.slice(0, k);
  }
  return f.slice(start, start + short.length);
}

function isAbbreviationOf(short: string, full: string): boolean {
  let k = 0;
  for (const ch of full) if (ch === short[k]) k++;
  return k === short.length;
}

const MAX_NAME_SEGMENTS = 4;

/** 哈希姆·萨奇: transliterated given name and surname joined by a middle dot. */
export function dottedNames(ctx: PatternContext): Hit[] {
  const f = ctx.doc.folded.text;
  const hits: Hit[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < f.length; i++) {
    if (f[i] !== '·' || seen.has(i) || !isHan(f[i - 1]) || !isHan(f[i + 1])) continue;
    const start = markedNameExtent(ctx, i, -1);
    let end = i;
    // Chains: 弗拉基米尔·弗拉基米罗维奇·普京. Longer chains are not one name (and an unbounded
    // one would make a form as long as the document).
    let segments = 1;
    while (f[end] === '·' && isHan(f[end + 1]) && segments++ < MAX_NAME_SEGMENTS) {
      seen.add(end);
      const next = markedNameExtent(ctx, end + 1, 1);
      if (next === end + 1) break;
      end = next;
    }
    if (start === i || end <= i + 1) continue;
    hits.push({ kind: 'dotted-name', forms: [{ start, end, type: 'fullForm' }], confidence: 0.85, subject: 'person' });
  }
  return hits;
}

const PLACE_HEADS = new Set([...'宫堡港岛湖省州市城']);
const ORG_HEADS = new Set([...'社']);

/**
 * Runs of transliteration characters that no known term covers: 杜加里克, 帕特鲁舍夫.
 * A run may hold characters seen in only one or two names (舍 in 帕特鲁舍夫) as long as
 * most of its characters are common in names. `covered` marks folded positions already
 * explained (known terms, other patterns). A known name that a run continues
 * (马里 + 乌波尔) is part of the run, not a reason to cut it.
 */
export function transliterationRuns(ctx: PatternContext, covered: Uint8Array): Hit[] {
  const f = ctx.doc.folded.text;
  const m = ctx.model;
  const hits: Hit[] = [];
  const inRun = (j: number) => !covered[j] && isHan(f[j]) && m.isNameChar(f[j]!) && !PRONOUNS.has(f[j]!);
  let i = 0;
  while (i < f.length) {
    if (!inRun(i)) {
      i++;
      continue;
    }
    let j = i;
    // a space the original had between two Han characters is a word boundary
    while (j < f.length && j - i < 10 && inRun(j) && (j === i || !spaceBefore(ctx, j))) j++;
    let start = i;
    // A run that starts right after a known name made of name characters continues it.
    const prior = knownEndingStart(ctx, i);
    if (prior !== undefined && !spaceBefore(ctx, i) && j - i >= 2 && [...f.slice(prior, i)].every((ch) => m.isTranslit(ch))) start = prior;
    let end = j;
    let subject: string | null = null;
    if (end < f.length && !covered[end] && !spaceBefore(ctx, end) && (PLACE_HEADS.has(f[end]!) || ORG_HEADS.has(f[end]!))) {
      subject = PLACE_HEADS.has(f[end]!) ? 'place' : 'organisation';
      end++;
    }
    const core = f.slice(start, subject ? end - 1 : end);
    const strong = [...core].filter((ch) => m.isTranslit(ch)).length;
    if (core.length >= 2 && strong >= Math.max(2, Math.ceil(core.length * 0.6))) {
      hits.push({ kind: 'transliteration', forms: [{ start, end, type: null }], confidence: 0, subject });
    }
    i = j;
  }
  return hits;
}

function knownEndingStart(ctx: PatternContext, end: number): number | undefined {
  return ctx.knownEndingAt.get(end);
}

/**
 * How far a name reaches from `from` (backwards, or forwards with dir 1) when something
 * already says a name is here: a Latin spelling in brackets, or a middle dot. Then a
 * character no glossary name uses (恰 in 梅夫吕特·恰武什奥卢) may still be part of it, but
 * the name never ends on one: the verbs around a name are made of such characters
 * (任命马尔蒂·阿赫蒂萨里担任 → 马尔蒂·阿赫蒂萨里). A title (外长, 先生), a verb or pronoun, a
 * stop word, a generic character or a space the original had ends it. At most 8 characters
 * per dot-segment, at most two of them unknown to the model.
 */
function markedNameExtent(ctx: PatternContext, from: number, dir: -1 | 1 = -1, acrossSpace = false, trim = true): number {
  const f = ctx.doc.folded.text;
  const m = ctx.model;
  const edge = dir === -1 ? BEFORE_NAME : AFTER_NAME;
  let j = from;
  let end = from;
  let unknown = 0;
  while (Math.abs(from - j) < 8) {
    const at = dir === -1 ? j - 1 : j;
    const ch = f[at];
    if (!isHan(ch) || STOP_CHARS.has(ch!) || edge.has(ch!) || (NOT_SOUNDS.has(ch!) && !m.isNameChar(ch!))) break;
    if (spaceBefore(ctx, j) && !(acrossSpace && j === from)) break;
    if (boundaryWordAt(f, j, dir)) break;
    if (!m.isNameChar(ch!) && ++unknown > 2) break;
    j += dir;
    if (m.isNameChar(ch!)) end = j;
  }
  return trim ? end : j;
}

/** Nothing before folded position i can continue a name ending... or starting here. */
function boundaryBefore(ctx: PatternContext, i: number): boolean {
  const f = ctx.doc.folded.text;
  const ch = f[i - 1];
  if (ch === '-' || ch === '·') return false;
  return i === 0 || !isHan(ch) || spaceBefore(ctx, i) || STOP_CHARS.has(ch!) || BEFORE_NAME.has(ch!) || boundaryWordAt(f, i, -1);
}

/** Forms of address written after a name: `萨比特 布罗卡伊先生`, `米努托-里佐大使`. */
const ADDRESS_TITLES = ['先生', '女士', '夫人', '小姐', '阁下', '大使', '博士', '教授', '殿下', '陛下'];

/**
 * Common words made only of characters that transliterations use (特 and 别 are in dozens of
 * place names): never a name on their own. Written for this project.
 */
export const GENERIC_WORDS = new Set([
  '特别',
  '特殊',
  '特派',
  '特此',
  '其他',
  '加强',
  '利用',
  '利益',
  '比如',
  '比较',
  '亚洲',
  '非洲',
  '美洲',
  '拉丁',
  '阿拉伯',
  '罗马',
  '马上',
  '达成',
  '达到',
  '尼日',
  '斯里',
]);

/**
 * Is f[start, end) name-like enough to be a name part on its own (no dot, no Latin spelling to
 * say so)? Most characters common in names, at most `unknown` not in any.
 */
function nameLikePart(ctx: PatternContext, start: number, end: number, unknown: number): boolean {
  const part = ctx.doc.folded.text.slice(start, end);
  if (part.length < 2 || GENERIC_WORDS.has(part)) return false;
  let strong = 0;
  let missing = 0;
  for (const ch of part) {
    if (ctx.model.isTranslit(ch)) strong++;
    if (!ctx.model.isNameChar(ch)) missing++;
  }
  return missing <= unknown && strong >= Math.max(2, Math.ceil(part.length * 0.5));
}

/**
 * A name followed by a form of address (布罗卡伊先生), and, when the letter lost its middle dot
 * and wrote a space instead, the given name before it (`萨比特 布罗卡伊先生` → 萨比特·布罗卡伊).
 * The title is never part of the name.
 */
export function addressedNames(ctx: PatternContext): Hit[] {
  const f = ctx.doc.folded.text;
  const hits: Hit[] = [];
  for (const title of ADDRESS_TITLES) {
    for (let p = f.indexOf(title); p >= 0; p = f.indexOf(title, p + 1)) {
      // The surname reaches back to a word boundary, or it is a fragment (龙切|维奇先生): then nothing.
      const s = markedNameExtent(ctx, p, -1, false, false);
      if (!boundaryBefore(ctx, s) || !nameLikePart(ctx, s, p, 2)) continue;
      let start = s;
      let parts: [number, number][] | undefined;
      if (spaceBefore(ctx, s)) {
        // the whole word before the space, made of name characters only: a given name
        const g = markedNameExtent(ctx, s, -1, true, false);
        if (g < s && s - g <= 6 && boundaryBefore(ctx, g) && nameLikePart(ctx, g, s, 0)) {
          start = g;
          parts = [
            [g, s],
            [s, p],
          ];
        }
      }
      hits.push({
        kind: 'addressed-name',
        forms: [{ start, end: p, type: 'fullForm', ...(parts ? { parts } : {}) }],
        confidence: parts ? 0.85 : p - s > 2 ? 0.7 : 0.6,
        subject: 'person',
      });
    }
  }
  return hits;
}

const LATIN_GLOSS = /\(([a-z][a-z.'’\- ]{1,60}[a-z.])\)/g;

/** 杜加里克（Stephane Dujarric）: a Chinese name with its original Latin spelling. */
export function latinGlosses(ctx: PatternContext): Hit[] {
  const f = ctx.doc.folded.text;
  const o = ctx.doc.masked;
  const hits: Hit[] = [];
  for (const m of f.matchAll(LATIN_GLOSS)) {
    const open = m.index!;
    const latinStart = open + 1;
    const latinEnd = open + 1 + m[1]!.length;
    const written = o.slice(ctx.doc.folded.offsets[latinStart], ctx.doc.folded.offsets[latinEnd - 1]! + 1);
    if (!/^\p{Lu}/u.test(written)) continue;
    const words = written.split(/\s+/);
    const acronym = /^[\p{Lu}\d.-]{2,12}$/u.test(written);
    const personLike = !acronym && words.length <= 4 && words.every((w) => /^\p{Lu}/u.test(w));
    let start: number | null;
    if (acronym) start = fullNameStart(ctx, open);
    else if (personLike) {
      start = markedNameExtent(ctx, open);
      // allow a dotted name: 安东尼奥·古特雷斯（António Guterres）
      while (f[start - 1] === '·' && isHan(f[start - 2])) start = markedNameExtent(ctx, start - 1);
    } else start = fullNameStart(ctx, open);
    if (start === null || open - start < 2) continue;
    const zh = f.slice(start, open);
    const enType: TermType | null = acronym ? 'abbreviation' : personLike && words.length >= 2 && !zh.includes('·') ? 'fullForm' : null;
    const zhType: TermType | null = acronym ? 'fullForm' : enType === 'fullForm' ? 'shortForm' : null;
    hits.push({
      kind: 'latin-gloss',
      forms: [
        { start, end: open, type: zhType },
        { start: latinStart, end: latinEnd, type: enType, latin: true },
      ],
      confidence: personLike || acronym ? 0.9 : 0.6,
      subject: personLike ? 'person' : guessSubject(zh),
    });
  }
  return hits;
}
