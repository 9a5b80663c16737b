/**
 * Boot order, top to bottom: configuration → database (migrated; seeded when new) → app →
 * listen → clean shutdown on SIGINT/SIGTERM. Nothing else starts anywhere.
 */
import { openDatabase } from '../db/connection.ts';
import { seedStarterGlossary } from '../db/seed.ts';
import { createApp } from './app.ts';
import { firstStartAdvice } from './auth/first-start.ts';
import { loadConfig } from './config.ts';

const config = loadConfig();

const { db, created } = openDatabase(config.dbPath);
if (created) {
  const { created: n } = seedStarterGlossary(db);
  console.log(`New database ${config.dbPath}: loaded the starter glossary (${n} concepts).`);
}
// No accounts yet: say how to create the admin (and what anonymous visitors may do meanwhile).
const advice = firstStartAdvice(db, config);
if (advice) console.log(advice);

const app = createApp({ db, config });
const server = app.listen(config.port, config.host, () => {
  console.log(`termbridge listening on http://${config.host}:${config.port} (database ${config.dbPath})`);
});
server.on('error', (e) => {
  console.error(`termbridge: cannot listen on ${config.host}:${config.port}: ${e.message}`);
  process.exit(1);
});

function shutdown(signal: string): void {
  console.log(`${signal}: closing`);
  server.close(() => {
    db.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
