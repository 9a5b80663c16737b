import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dbPath: string;
  /** largest request body (JSON, forms, uploads) in bytes */
  maxBodyBytes: number;
}

export const DEFAULT_DB_PATH = './data/termbase.sqlite';

/** The database path every entry point uses: --db, else $TERMBASE_DB, else ./data/termbase.sqlite. */
export function resolveDbPath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const path = flag ?? env.TERMBASE_DB ?? DEFAULT_DB_PATH;
  return path === ':memory:' ? path : resolve(path);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dbPath: resolveDbPath(undefined, env),
    maxBodyBytes: 10 * 1024 * 1024 + 64 * 1024,
  };
}

/** A configuration for tests: in-memory database, port 0. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { port: 0, host: '127.0.0.1', dbPath: ':memory:', maxBodyBytes: 10 * 1024 * 1024 + 64 * 1024, ...overrides };
}
