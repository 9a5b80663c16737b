import type { AddressInfo } from 'node:net';
import { type Database, openDatabase } from '../../db/connection.ts';
import { seedStarterGlossary } from '../../db/seed.ts';
import { createApp } from '../../server/app.ts';
import { type Config, testConfig } from '../../server/config.ts';

export interface TestServer {
  url: string;
  db: Database;
  close(): Promise<void>;
}

/** The real app on an in-memory database and an ephemeral port. */
export async function startServer(options: { seed?: boolean; config?: Partial<Config> } = {}): Promise<TestServer> {
  const config = testConfig(options.config);
  const { db } = openDatabase(config.dbPath);
  if (options.seed) seedStarterGlossary(db);
  const app = createApp({ db, config });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}
