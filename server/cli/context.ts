import { TermbridgeError } from '../../glossary/errors.ts';

/** What every command gets: its own arguments, the resolved database path, and output streams. */
export interface CliContext {
  args: string[];
  dbPath: string;
  json: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** set by printJson: with --json, stdout already holds the one JSON document */
  printedJson?: boolean;
}

export type Command = (ctx: CliContext) => Promise<void> | void;

/** A user error: printed as one line, exit status 1. */
export class CliError extends TermbridgeError {
  constructor(message: string) {
    super('usage', message);
  }
}

export function printJson(ctx: CliContext, value: unknown): void {
  ctx.printedJson = true;
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
