#!/usr/bin/env node
// The `termbridge` command (package.json "bin"). The code is TypeScript, run through tsx's
// loader so that no build step is needed after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
