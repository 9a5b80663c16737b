import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPOOL_PREFIX } from '../../db/interchange/import.ts';

const OLD_FORMAT_AGE_MS = 24 * 3600_000;

/** Is a process with this id alive? (signal 0 checks without sending; EPERM: alive, not ours) */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the spool folders (db/interchange/import.ts) of imports whose process is gone: a
 * SIGKILL during a large import leaves one behind, with a copy of the file's entries. Folders
 * of a live process — another server or a CLI import on the same machine — are left alone.
 * Returns how many were removed.
 */
export function removeOrphanSpools(dir = tmpdir()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(SPOOL_PREFIX)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(SPOOL_PREFIX.length))?.[1]);
    try {
      if (Number.isInteger(pid) && pid > 0) {
        if (alive(pid)) continue;
      } else if (Date.now() - statSync(join(dir, name)).mtimeMs < OLD_FORMAT_AGE_MS) {
        // Named before the pid was in the name: no owner to ask, so only when clearly abandoned.
        continue;
      }
      rmSync(join(dir, name), { recursive: true, force: true });
      removed++;
    } catch {
      // Someone else's folder (permissions): not ours to remove.
    }
  }
  return removed;
}
