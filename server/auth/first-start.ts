import type { Database } from '../../db/connection.ts';
import { UserRepository } from '../../db/users.ts';
import { type Config, resolveDbPath } from '../config.ts';

const MEANING: Record<Config['anonymous'], string> = {
  viewer: 'Until then, visitors can look up, review, align and export, but not change anything.',
  none: 'Until then, nobody can use the site (TERMBRIDGE_ANONYMOUS=none).',
  editor: 'Meanwhile everyone who can reach this address may edit (TERMBRIDGE_ANONYMOUS=editor).',
};

/** The start-up message when there are no accounts, or null when there are. */
export function firstStartAdvice(db: Database, config: Pick<Config, 'anonymous' | 'dbPath'>): string | null {
  if (new UserRepository(db).count() > 0) return null;
  const db_ = config.dbPath === resolveDbPath(undefined, {}) ? '' : ` --db ${config.dbPath}`;
  return [
    'No user accounts yet. Create the administrator with:',
    `  npx termbridge user add admin --role admin${db_}`,
    '(it asks for a password; or pass --password, or set TERMBRIDGE_PASSWORD), then log in at /login.',
    MEANING[config.anonymous],
  ].join('\n');
}
