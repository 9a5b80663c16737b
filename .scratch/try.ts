import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { openDatabase } from '../db/connection.ts';
import { exportGlossary } from '../db/interchange/export.ts';
import { importFile } from '../db/interchange/import.ts';

const [file, outBase] = process.argv.slice(2);
const { db } = openDatabase(':memory:');
await importFile(db, file!);
for (const format of ['tbx', 'tbx2008'] as const) {
  const out = createWriteStream(`${outBase}.${format}.tbx`);
  const r = await exportGlossary(db, out, { format });
  out.end();
  await once(out, 'finish');
  console.log(format, JSON.stringify(r));
}
