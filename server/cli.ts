import { parseArgs } from 'node:util';
import { errorBody, isTermbridgeError } from '../glossary/errors.ts';
import { COMMANDS } from './cli/commands.ts';
import { type CliContext, CliError } from './cli/context.ts';
import { resolveDbPath } from './config.ts';
import { startProblem } from './services/start-problem.ts';

const USAGE = () =>
  [
    'usage: termbridge <command> [--db PATH] [--json] [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
    '',
    'The database is --db PATH, else $TERMBASE_DB, else ./data/termbase.sqlite.',
  ].join('\n');

/**
 * Run one CLI invocation. Returns the exit status instead of exiting, so tests can call it.
 * User errors print one line on stderr and return 1; nothing prints a stack trace unless
 * TERMBRIDGE_DEBUG is set.
 */
export async function runCli(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env?: NodeJS.ProcessEnv } = process,
): Promise<number> {
  const env = io.env ?? process.env;
  let ctx: CliContext | undefined;
  try {
    // Global options may stand anywhere; the rest goes to the command.
    const { values, tokens } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: false,
      allowPositionals: true,
      tokens: true,
    });
    const rest: string[] = [];
    for (const t of tokens ?? []) {
      if (t.kind === 'positional') rest.push(t.value);
      else if (t.kind === 'option' && !['db', 'json', 'help'].includes(t.name)) {
        rest.push(t.rawName);
        if (t.value !== undefined) {
          if (t.inlineValue) rest[rest.length - 1] = `${t.rawName}=${t.value}`;
          else rest.push(t.value);
        }
      } else if (t.kind === 'option-terminator') rest.push('--');
    }
    const [name, ...args] = rest;
    if (!name || values.help) {
      (name ? io.stdout : io.stderr).write(`${USAGE()}\n`);
      return name || values.help ? 0 : 1;
    }
    const command = COMMANDS[name];
    // Thrown, not printed here: with --json the error must be JSON on stdout like any other.
    if (!command) throw new CliError(`unknown command "${name}" (try --help)`);
    if (typeof values.db === 'boolean') throw new Error('--db needs a path');
    ctx = {
      args,
      dbPath: resolveDbPath(values.db as string | undefined, env),
      json: Boolean(values.json),
      stdout: io.stdout,
      stderr: io.stderr,
    };
    await (await command.load())(ctx);
    return 0;
  } catch (e) {
    if (env.TERMBRIDGE_DEBUG) console.error(e);
    const message = (isTermbridgeError(e) ? e.message : startProblem(e)).split('\n')[0]!;
    io.stderr.write(`termbridge: ${message}\n`);
    // Whoever asked for --json parses stdout: the error is JSON there too, in the API's shape
    // (unless the command already printed its own document, like import's report with errors).
    if (argv.includes('--json') && !ctx?.printedJson) {
      const code = isTermbridgeError(e) ? e.code : 'failed';
      io.stdout.write(`${JSON.stringify(errorBody(code, message))}\n`);
    }
    return 1;
  }
}
