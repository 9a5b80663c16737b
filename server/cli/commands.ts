import type { Command } from './context.ts';

/**
 * Every `termbridge <command>`, loaded lazily so that `termbridge lookup` does not pay for
 * the importers. One line per command; the module exports a function of the same name.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  seed: { summary: 'load the starter glossary', load: async () => (await import('./seed.ts')).seed },
  lookup: { summary: 'look up QUERY in any script, English or pinyin (--limit N)', load: async () => (await import('./lookup.ts')).lookup },
  user: { summary: 'accounts: add NAME --role ROLE, passwd, role, remove, list', load: async () => (await import('./user.ts')).user },
  backup: { summary: 'copy the database to FILE (online, safe while serving)', load: async () => (await import('./backup.ts')).backup },
  restore: { summary: 'replace the database with a checked backup FILE', load: async () => (await import('./backup.ts')).restore },
  import: { summary: 'import a TBX or CSV glossary', load: async () => (await import('./import.ts')).importCommand },
  export: { summary: 'export the glossary as TBX or CSV', load: async () => (await import('./export.ts')).exportCommand },
  align: {
    summary: 'align ZH_FILE EN_FILE (either order) sentence by sentence and check terminology (--sentences, --beads FILE, --tmx FILE)',
    load: async () => (await import('./align.ts')).align,
  },
  extract: {
    summary: 'candidate terms in FILE with evidence (--en EN_FILE, --store to queue them)',
    load: async () => (await import('./candidates.ts')).candidates,
  },
  review: { summary: 'glossary names and issues in FILE (alias: highlight)', load: async () => (await import('./review.ts')).review },
  // The verb PRODUCT.md names; scripts rely on it.
  highlight: { summary: 'same as review', load: async () => (await import('./review.ts')).review },
};
