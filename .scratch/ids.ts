import { openDatabase } from '../db/connection.ts';
import { importFile } from '../db/interchange/import.ts';

const { db } = openDatabase(':memory:');
await importFile(db, '/work/shared/corpus/tbx/tbx2008-default_lisa-fromSDL.tbx');
console.log(db.prepare('select count(*) n, count(external_id) i from terms').get());
