import { type Response, Router } from 'express';
import { type AuditEntry, type AuditFilter, AuditLog } from '../../db/audit.ts';
import { ConceptRepository } from '../../db/concepts.ts';
import type { Database } from '../../db/connection.ts';
import { roleAtLeast } from '../../db/users.ts';
import { CSV_BOM, csvRow } from '../../glossary/interchange/csv/write.ts';
import { authLocals } from '../middleware/session.ts';
import { accountEventSummary } from '../i18n/account-events.ts';
import { localeOf } from '../i18n/middleware.ts';
import { changeSummary, parseSnapshot, snapshotLabel } from './concept-view-models.ts';
import { type ChangesQuery, changesQuerySchema } from '../schemas/changes.ts';

const PAGE_SIZE = 50;

/** Account events name every account and its role: admins only (everyone else sees concept changes). */
function auditFilter(q: ChangesQuery, res: Response): AuditFilter {
  const nextDay = (d: string) => new Date(Date.parse(d) + 24 * 3600_000).toISOString().slice(0, 10);
  return { actor: q.user, action: q.action, from: q.from, to: q.to ? nextDay(q.to) : undefined, accounts: isAdmin(res) };
}

const isAdmin = (res: Response) => roleAtLeast(authLocals(res).role, 'admin');

const CSV_COLUMNS = ['at', 'user', 'action', 'kind', 'concept_id', 'version', 'target', 'summary', 'before', 'after'] as const;
// The one CSV writer (glossary/interchange/csv/write.ts), with its formula guard.
const auditRow = (e: AuditEntry) =>
  csvRow([e.at, e.actor, e.action, e.kind, e.conceptId, e.version, e.target, e.summary, e.before, e.after]);

/** `GET /changes` (recent changes, filtered, paged) and `GET /changes.csv` (the same filter, every row). */
export function changesPages(db: Database): Router {
  const audit = new AuditLog(db);
  const concepts = new ConceptRepository(db);
  const router = Router();

  /** The snapshots of one history row: from the entry when it has them, else from the concept's history. */
  const snapshotsOf = (conceptId: number, historyId: number, e: AuditEntry) => {
    if (e.before || e.after) return { before: parseSnapshot(e.before), after: parseSnapshot(e.after) };
    try {
      const h = concepts.historyEntry(conceptId, historyId);
      return { before: h.before, after: h.after };
    } catch {
      return { before: null, after: null };
    }
  };

  router.get('/changes', (req, res) => {
    const q = changesQuerySchema.parse(req.query);
    const filter = auditFilter(q, res);
    const total = audit.count(filter);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const params = (page?: number) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries({ user: q.user, action: q.action, from: q.from, to: q.to, page })) if (v) p.set(k, String(v));
      return p.toString();
    };
    res.render('pages/changes', {
      title: localeOf(res).t('title.changes'),
      q,
      total,
      page: q.page,
      pages,
      entries: audit.list({ ...filter, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE }).map((e) => {
        if (e.kind !== 'concept' || e.conceptId == null)
          // Account events are worded from their kind, the account and its roles.
          return { ...e, link: null, conceptLabel: null, summary: accountEventSummary(e, localeOf(res).t), summaryLang: null };
        // The page's query leaves the snapshots out (a large import writes 100,000 rows); the
        // 50 shown are read one by one, to name the concept and word the change in the page's language.
        const { before, after } = snapshotsOf(e.conceptId, e.id, e);
        return {
          ...e,
          link: `/concepts/${e.conceptId}/history`,
          conceptLabel: snapshotLabel(e.conceptId, after ?? before),
          summary: before || after ? changeSummary(before, after, localeOf(res)) : e.summary,
          summaryLang: before || after ? null : 'en',
        };
      }),
      users: audit.actors({ accounts: filter.accounts }).map((u) => ({ value: u, selected: u === q.user })),
      actions: audit.actions({ accounts: filter.accounts }).map((a) => ({ value: a, selected: a === q.action })),
      prev: q.page > 1 ? `/changes?${params(q.page - 1)}` : null,
      next: q.page < pages ? `/changes?${params(q.page + 1)}` : null,
      csv: `/changes.csv?${params()}`,
    });
  });

  router.get('/changes.csv', (req, res) => {
    const filter = auditFilter(changesQuerySchema.parse(req.query), res);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="termbridge-changes-${new Date().toISOString().slice(0, 10)}.csv"`);
    // A BOM so that Excel reads the Chinese as UTF-8; rows are written as they are read.
    let chunk = CSV_BOM + csvRow(CSV_COLUMNS);
    for (const entry of audit.iterate(filter)) {
      chunk += auditRow(entry);
      if (chunk.length > 64 * 1024) {
        res.write(chunk);
        chunk = '';
      }
    }
    res.end(chunk);
  });

  return router;
}
