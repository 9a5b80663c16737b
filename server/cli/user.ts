import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/connection.ts';
import { ROLES, type Role, UserRepository } from '../../db/users.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { type CliContext, CliError, printJson } from './context.ts';

const USAGE = `usage:
  termbridge user add NAME --role viewer|editor|admin [--password P]
  termbridge user passwd NAME [--password P]
  termbridge user role NAME viewer|editor|admin
  termbridge user remove NAME
  termbridge user list
The password comes from --password, else $TERMBRIDGE_PASSWORD, else a prompt (on a terminal).`;

/** Who the audit log says did it: the operating-system account running the command. */
const cliActor = () => `cli:${process.env.USER ?? process.env.USERNAME ?? 'unknown'}`;

function parseRole(value: unknown): Role {
  if (typeof value !== 'string' || !(ROLES as readonly string[]).includes(value)) {
    throw new CliError(`--role must be one of ${ROLES.join(', ')}`);
  }
  return value as Role;
}

/** `termbridge user add|passwd|role|remove|list`: accounts, for the first admin and for scripts. */
export async function user(ctx: CliContext): Promise<void> {
  const { values, positionals } = parseArgs({
    args: ctx.args,
    options: { role: { type: 'string' }, password: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [sub, name, extra] = positionals;
  if (!sub) throw new CliError(USAGE.split('\n')[1]!.trim());
  const needName = () => {
    if (!name) throw new CliError(`termbridge user ${sub} needs a user name`);
    return name;
  };
  const { db } = openDatabase(ctx.dbPath);
  try {
    const users = new UserRepository(db);
    switch (sub) {
      case 'add': {
        const userName = needName();
        const role = parseRole(values.role);
        if (users.byName(userName)) throw new CliError(`there is already a user "${userName}"`);
        const password = await obtainPassword(ctx, values.password);
        const created = users.create({ name: userName, role, passwordHash: await hashPassword(password) }, cliActor());
        if (ctx.json) printJson(ctx, { user: created });
        else ctx.stderr.write(`Created ${created.role} "${created.name}". They can log in at /login.\n`);
        return;
      }
      case 'passwd': {
        const userName = needName();
        if (!users.byName(userName)) throw new CliError(`there is no user "${userName}"`);
        const password = await obtainPassword(ctx, values.password);
        users.setPasswordHash(userName, await hashPassword(password), cliActor());
        if (ctx.json) printJson(ctx, { user: users.byName(userName) });
        else ctx.stderr.write(`Changed the password of "${userName}"; their sessions have ended.\n`);
        return;
      }
      case 'role': {
        const userName = needName();
        const changed = users.setRole(userName, parseRole(extra ?? values.role), cliActor());
        if (ctx.json) printJson(ctx, { user: changed });
        else ctx.stderr.write(`"${changed.name}" is now ${changed.role}.\n`);
        return;
      }
      case 'remove': {
        const userName = needName();
        users.remove(userName, cliActor());
        if (ctx.json) printJson(ctx, { removed: userName });
        else ctx.stderr.write(`Removed "${userName}".\n`);
        return;
      }
      case 'list': {
        const list = users.list();
        if (ctx.json) printJson(ctx, { users: list });
        else if (list.length === 0) ctx.stderr.write('No users yet. Create the admin: termbridge user add NAME --role admin\n');
        else for (const u of list) ctx.stdout.write(`${u.name}\t${u.role}\t${u.createdAt}\n`);
        return;
      }
      default:
        throw new CliError(`unknown user command "${sub}" (add, passwd, role, remove, list)`);
    }
  } finally {
    db.close();
  }
}

async function obtainPassword(ctx: CliContext, flag: string | undefined): Promise<string> {
  const password = flag ?? process.env.TERMBRIDGE_PASSWORD ?? (process.stdin.isTTY ? await promptTwice(ctx) : undefined);
  if (password === undefined)
    throw new CliError('give the password with --password, $TERMBRIDGE_PASSWORD, or run on a terminal to be asked');
  const problem = passwordProblem(password);
  if (problem) throw new CliError(problem);
  return password;
}

async function promptTwice(ctx: CliContext): Promise<string> {
  const first = await promptHidden(ctx, 'Password: ');
  const second = await promptHidden(ctx, 'Again: ');
  if (first !== second) throw new CliError('the two passwords differ');
  return first;
}

/** Read a line from the terminal without echoing it. */
function promptHidden(ctx: CliContext, question: string): Promise<string> {
  const stdin = process.stdin;
  ctx.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      ctx.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new CliError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
