import type { Command } from './context.ts';

/**
 * Every `termbridge <command>`, loaded lazily so that `termbridge lookup` does not pay for
 * the importers. One line per command; the module exports a function of the same name.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  seed: { summary: 'load the starter glossary', load: async () => (await import('./seed.ts')).seed },
};
