import { buildKnownIndex, buildTranslitModel, type KnownIndex, type TranslitModel } from '../glossary/candidates/index.ts';
import type { Concept } from '../glossary/concept/types.ts';
import { buildLookupIndex, type LookupIndex } from '../glossary/lookup/index.ts';
import { buildMatcher, type Matcher, overlayMatcher } from '../glossary/matching/matcher.ts';
import { type ReviewGlossary, reviewGlossary } from '../glossary/review/review.ts';
import { starterGlossary } from '../glossary/starter/starter.ts';
import { changedConcepts, patchConcepts } from './changed-concepts.ts';
import { ConceptRepository } from './concepts.ts';
import type { Database } from './connection.ts';

/** Changed concepts patched into the previous snapshot's list; beyond this they are all read again. */
const MAX_PATCHED = 5_000;

/** Concepts changed since the last full matcher build that an overlay takes; beyond, a full build. */
const MAX_OVERLAID = 2_000;

/** Below this many transliterated names the glossary teaches too little; the starter glossary's are used. */
const MIN_MODEL_NAMES = 100;

/** What extraction needs from the glossary: the known terms (through the matcher) and the transliteration model. */
export interface ExtractionContext {
  known: KnownIndex;
  model: TranslitModel;
}

/**
 * Everything derived from the whole glossary, at ONE revision. A request takes one snapshot
 * and reads all it needs from it, so a commit from another connection between two reads can
 * never pair a new revision with an old matcher (the bug of the former string-keyed cache:
 * /review missed a term that lookup found). Each structure is built on first use. The lookup
 * service does not read `lookup` from here but from db/live-lookup.ts, which must answer at
 * once after a start and while edits arrive (cached on disk, brought up to date incrementally,
 * rebuilt in a worker thread); `lookup` here is the index at exactly this snapshot's revision.
 */
export interface GlossarySnapshot {
  /** the largest concept_history id when the concepts were read (0 for an empty history) */
  readonly revision: number;
  readonly concepts: readonly Concept[];
  readonly matcher: Matcher;
  readonly lookup: LookupIndex;
  /** the matcher with concepts by id and their regional forms, for review */
  readonly review: ReviewGlossary;
  readonly conceptsById: ReadonlyMap<number, Concept>;
  readonly extraction: ExtractionContext;
}

/** The concept with this id in a list sorted by id (as repo.all() and patchConcepts() return them). */
function conceptById(concepts: readonly Concept[], id: number): Concept | undefined {
  let lo = 0;
  let hi = concepts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (concepts[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return concepts[lo]?.id === id ? concepts[lo] : undefined;
}

/** A matcher built in full, at one revision, over these concepts: later snapshots overlay it. */
interface MatcherRoot {
  revision: number;
  concepts: readonly Concept[];
  matcher: Matcher;
}

/** How a snapshot's matcher is made from a root: the changes since the root's revision. */
interface MatcherPatch {
  root: MatcherRoot;
  /** ids changed since root.revision, and their current versions */
  ids: readonly number[];
  current: readonly Concept[];
}

class Snapshot implements GlossarySnapshot {
  #matcher?: Matcher;
  #root?: MatcherRoot;
  #lookup?: LookupIndex;
  #review?: ReviewGlossary;
  #byId?: Map<number, Concept>;
  #extraction?: ExtractionContext;

  constructor(
    readonly revision: number,
    readonly concepts: readonly Concept[],
    private readonly patch?: MatcherPatch,
  ) {}

  get matcher(): Matcher {
    if (!this.#matcher) {
      const p = this.patch;
      if (p) {
        // The root's matcher with the changed concepts overlaid (glossary/matching: the same
        // matches as a full build), instead of seconds of rebuilding at 100,000 concepts.
        const changed = new Set(p.ids);
        const old = p.ids.map((id) => conceptById(p.root.concepts, id)).filter((c) => c !== undefined);
        this.#matcher = overlayMatcher(p.root.matcher, old, changed, buildMatcher(p.current));
        this.#root = p.root;
      } else {
        this.#matcher = buildMatcher(this.concepts);
        this.#root = { revision: this.revision, concepts: this.concepts, matcher: this.#matcher };
      }
    }
    return this.#matcher;
  }

  /** the full matcher later snapshots may overlay, once this one has built or overlaid one */
  get matcherRoot(): MatcherRoot | undefined {
    return this.#root ?? (this.#matcher ? undefined : this.patch?.root);
  }

  get lookup(): LookupIndex {
    this.#lookup ??= buildLookupIndex(this.concepts);
    return this.#lookup;
  }

  get review(): ReviewGlossary {
    this.#review ??= reviewGlossary(this.matcher, this.concepts);
    return this.#review;
  }

  get conceptsById(): ReadonlyMap<number, Concept> {
    this.#byId ??= new Map(this.concepts.map((c) => [c.id, c]));
    return this.#byId;
  }

  get extraction(): ExtractionContext {
    if (!this.#extraction) {
      let model = buildTranslitModel(this.concepts);
      if (model.size < MIN_MODEL_NAMES) model = buildTranslitModel(starterGlossary());
      this.#extraction = { known: buildKnownIndex(this.concepts, this.matcher), model };
    }
    return this.#extraction;
  }
}

const state = new WeakMap<Database, { repo: ConceptRepository; snapshot?: Snapshot }>();

/**
 * The glossary snapshot at the current revision: the cached one while no commit (from this
 * connection or any other on the same file) has moved the revision, else a new one. The
 * revision and the concepts are read in one read transaction, so they belong together.
 */
export function glossarySnapshot(db: Database): GlossarySnapshot {
  let s = state.get(db);
  if (!s) {
    // One repository per connection: its statements are prepared once, not per request.
    s = { repo: new ConceptRepository(db) };
    state.set(db, s);
  }
  const { repo } = s;
  const previous = s.snapshot;
  if (previous && previous.revision === repo.revision()) return previous;
  s.snapshot = db.transaction(() => {
    if (previous) {
      // After an edit, the previous concepts with the changed ones patched in (milliseconds)
      // rather than all of them read again (seconds at 100,000 concepts).
      const changed = changedConcepts(db, repo, previous.revision, MAX_PATCHED);
      if (changed.concepts) {
        const concepts = patchConcepts(previous.concepts, { ...changed, concepts: changed.concepts });
        const root = previous.matcherRoot;
        const sinceRoot = root && changedConcepts(db, repo, root.revision, MAX_OVERLAID);
        const patch = root && sinceRoot?.concepts ? { root, ids: sinceRoot.ids, current: sinceRoot.concepts } : undefined;
        return new Snapshot(changed.revision, concepts, patch);
      }
    }
    return new Snapshot(repo.revision(), repo.all());
  })();
  return s.snapshot;
}
