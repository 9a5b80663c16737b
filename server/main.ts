/**
 * Boot order, top to bottom: configuration → database (migrated; seeded when new) → leftovers
 * of crashed imports removed → app → lookup index (from its cache file) → listen → clean shutdown on SIGINT/SIGTERM. Nothing else
 * starts anywhere. A start that cannot work says why in one line and exits 1.
 */
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../db/connection.ts';
import { closeLookupWorker, liveLookup } from '../db/live-lookup.ts';
import { seedStarterGlossary } from '../db/seed.ts';
import { createApp } from './app.ts';
import { firstStartAdvice } from './auth/first-start.ts';
import { type Config, loadConfig } from './config.ts';
import { closeOffload } from './services/offload.ts';
import { startProblem } from './services/start-problem.ts';
import { removeOrphanSpools } from './services/spool-cleanup.ts';

function boot(): { config: Config; db: ReturnType<typeof openDatabase>['db'] } {
  let config: Config | undefined;
  try {
    config = loadConfig();
    const { db, created } = openDatabase(config.dbPath);
    if (created) {
      const { created: n } = seedStarterGlossary(db);
      console.log(`New database ${config.dbPath}: loaded the starter glossary (${n} concepts).`);
    }
    // The spool files of imports that a crash or SIGKILL interrupted (no live process owns them).
    removeOrphanSpools();
    return { config, db };
  } catch (e) {
    if (process.env.TERMBRIDGE_DEBUG) console.error(e);
    console.error(`termbridge: ${startProblem(e, config?.dbPath)}`);
    process.exit(1);
  }
}

const { config, db } = boot();
// No accounts yet: say how to create the admin (and what anonymous visitors may do meanwhile).
const advice = firstStartAdvice(db, config);
if (advice) console.log(advice);

const app = createApp({ db, config });
// The lookup index before the first request: read from the cache file next to the database
// (written by the last build, brought up to date by the edits since), else built once.
liveLookup(db);
const server = app.listen(config.port, config.host, () => {
  // The port actually bound (PORT=0 picks a free one).
  const { port } = server.address() as AddressInfo;
  console.log(`termbridge listening on http://${config.host}:${port} (database ${config.dbPath})`);
});
server.on('error', (e) => {
  console.error(`termbridge: cannot listen on ${config.host}:${config.port}: ${e.message}`);
  process.exit(1);
});

function shutdown(signal: string): void {
  console.log(`${signal}: closing`);
  server.close(() => {
    void Promise.all([closeOffload(), closeLookupWorker()]).finally(() => {
      db.close();
      process.exit(0);
    });
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
