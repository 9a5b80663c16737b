import { PassThrough } from 'node:stream';
import { runCli } from '../../server/cli.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in this process (fast, and the same code path as `termbridge …`); what it printed and its exit status. */
export async function cli(args: string[]): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const code = await runCli(args, { stdout: out, stderr: err });
  return { code, stdout, stderr };
}
