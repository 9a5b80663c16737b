import type { Database } from './connection.ts';

/**
 * The audit trail: concept changes (concept_history, written by ConceptRepository) and
 * account changes (audit_events) read as one list, newest first, for /changes and its CSV.
 */
export interface AuditEntry {
  /** "concept" rows link to a concept's history; "account" rows are user administration */
  kind: 'concept' | 'account';
  id: number;
  at: string;
  actor: string;
  action: string;
  conceptId: number | null;
  version: number | null;
  target: string | null;
  summary: string;
  before: string | null;
  after: string | null;
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  /** ISO timestamps or dates; `from` inclusive, `to` exclusive */
  from?: string | undefined;
  to?: string | undefined;
  /**
   * include account events (user-add, role changes…): they list every account and role, so
   * only admins see them; false unless asked for
   */
  accounts?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

interface AuditRow {
  kind: 'concept' | 'account';
  id: number;
  at: string;
  actor: string;
  action: string;
  concept_id: number | null;
  version: number | null;
  target: string | null;
  summary: string;
  before: string | null;
  after: string | null;
}

const UNION = `
  SELECT 'concept' AS kind, id, at, actor, action, concept_id, version, CAST(concept_id AS TEXT) AS target, summary, before, after
    FROM concept_history
  UNION ALL
  SELECT 'account' AS kind, id, at, actor, action, NULL, NULL, target, summary, before, after
    FROM audit_events`;

const WHERE = `
  WHERE (@actor IS NULL OR actor = @actor)
    AND (@action IS NULL OR action = @action)
    AND (@from IS NULL OR at >= @from)
    AND (@to IS NULL OR at < @to)`;
/** the same for the account events' table, which only admins may read (`accounts`) */
const ACCOUNT_WHERE = `${WHERE} AND @accounts = 1`;

export class AuditLog {
  readonly #stmt;

  constructor(db: Database) {
    this.#stmt = {
      insert: db.prepare(
        'INSERT INTO audit_events (at, actor, action, target, summary, before, after) VALUES (@at, @actor, @action, @target, @summary, @before, @after)',
      ),
      all: db.prepare<Record<string, unknown>, AuditRow>(
        `SELECT * FROM (${UNION}) ${WHERE} AND (@accounts = 1 OR kind = 'concept') ORDER BY at DESC, kind, id DESC`,
      ),
      // One page: each table gives its newest limit+offset rows through its index on `at`
      // (a large import writes 100,000 history rows; sorting them all for 50 lines took 300 ms),
      // without the concepts' before/after snapshots, which the page does not show (an account
      // event's are one role, which the page words its line from).
      page: db.prepare<Record<string, unknown>, AuditRow>(
        `SELECT * FROM (
           SELECT * FROM (SELECT 'concept' AS kind, id, at, actor, action, concept_id, version, CAST(concept_id AS TEXT) AS target,
                                 summary, NULL AS before, NULL AS after
                          FROM concept_history ${WHERE} ORDER BY at DESC, id DESC LIMIT @n)
           UNION ALL
           SELECT * FROM (SELECT 'account' AS kind, id, at, actor, action, NULL, NULL, target, summary, before, after
                          FROM audit_events ${ACCOUNT_WHERE} ORDER BY at DESC, id DESC LIMIT @n)
         ) ORDER BY at DESC, kind, id DESC LIMIT @limit OFFSET @offset`,
      ),
      count: db.prepare<Record<string, unknown>, { n: number }>(
        `SELECT count(*) AS n FROM (${UNION}) ${WHERE} AND (@accounts = 1 OR kind = 'concept')`,
      ),
      actors: db.prepare<{ accounts: number }, { actor: string }>(
        'SELECT DISTINCT actor FROM (SELECT actor FROM concept_history UNION SELECT actor FROM audit_events WHERE @accounts = 1) ORDER BY actor',
      ),
      actions: db.prepare<{ accounts: number }, { action: string }>(
        'SELECT DISTINCT action FROM (SELECT action FROM concept_history UNION SELECT action FROM audit_events WHERE @accounts = 1) ORDER BY action',
      ),
    };
  }

  record(e: { actor: string; action: string; target?: string | null; summary: string; before?: unknown; after?: unknown }): void {
    this.#stmt.insert.run({
      at: new Date().toISOString(),
      actor: e.actor,
      action: e.action,
      target: e.target ?? null,
      summary: e.summary,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    });
  }

  #params(f: AuditFilter) {
    return {
      actor: f.actor || null,
      action: f.action || null,
      from: f.from || null,
      to: f.to || null,
      accounts: f.accounts ? 1 : 0,
      limit: f.limit ?? -1,
      offset: f.offset ?? 0,
    };
  }

  /** A page of entries, newest first, concept changes without their before/after (see iterate() for those). */
  list(filter: AuditFilter = {}): AuditEntry[] {
    const params = this.#params(filter);
    const n = params.limit < 0 ? -1 : params.limit + params.offset;
    return this.#stmt.page.all({ ...params, n }).map(toEntry);
  }

  /** Every matching entry with before/after, streamed (a CSV export of a large audit must not build one array). */
  *iterate(filter: AuditFilter = {}): Generator<AuditEntry> {
    const { limit: _l, offset: _o, ...params } = this.#params(filter);
    for (const row of this.#stmt.all.iterate(params)) yield toEntry(row);
  }

  count(filter: AuditFilter = {}): number {
    return this.#stmt.count.get(this.#params(filter))!.n;
  }

  /** who appears in the log (in account events too only with `accounts`) */
  actors(options: { accounts?: boolean } = {}): string[] {
    return this.#stmt.actors.all({ accounts: options.accounts ? 1 : 0 }).map((r) => r.actor);
  }

  actions(options: { accounts?: boolean } = {}): string[] {
    return this.#stmt.actions.all({ accounts: options.accounts ? 1 : 0 }).map((r) => r.action);
  }
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    kind: r.kind,
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    conceptId: r.concept_id,
    version: r.version,
    target: r.target,
    summary: r.summary,
    before: r.before,
    after: r.after,
  };
}
