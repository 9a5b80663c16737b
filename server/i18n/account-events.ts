import type { AuditEntry } from '../../db/audit.ts';
import type { Translate } from './catalogue.ts';

/** The role an account event's before/after snapshot records ({"role": "editor"}), if any. */
function roleOf(snapshot: string | null): string {
  if (!snapshot) return '';
  try {
    const role = (JSON.parse(snapshot) as { role?: unknown }).role;
    return typeof role === 'string' ? role : '';
  } catch {
    return '';
  }
}

/**
 * An account event's line on /changes in the page's language, from its kind (user-add,
 * user-role…), the account and the roles before and after; the log's own `summary` is English
 * and stays for the CSV.
 */
export function accountEventSummary(e: Pick<AuditEntry, 'action' | 'target' | 'before' | 'after'>, t: Translate): string {
  const role = (snapshot: string | null) => {
    const r = roleOf(snapshot);
    return r ? t('role', { role: r }) : '';
  };
  return t('changes.accountEvent', { action: e.action, name: e.target ?? '', before: role(e.before), after: role(e.after) });
}
