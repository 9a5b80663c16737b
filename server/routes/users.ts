import { type Response, Router } from 'express';
import type { Database } from '../../db/connection.ts';
import { ROLES, UserRepository } from '../../db/users.ts';
import { isTermbridgeError } from '../../glossary/errors.ts';
import { hashPassword, passwordRule } from '../auth/passwords.ts';
import { localeOf } from '../i18n/middleware.ts';
import { actorOf } from '../middleware/actor.ts';
import { describePassword, describeRefusal, describeZodIssues } from '../i18n/problems.ts';
import { addUserSchema, passwordSchema, roleSchema, userNameParam } from '../schemas/users.ts';

/**
 * `/users`: account administration for admins (the access policy admits nobody else, for any
 * method). Every change goes through UserRepository, which writes the audit log.
 */
export function usersPages(db: Database): Router {
  const users = new UserRepository(db);
  const router = Router();

  const render = (res: Response, extra: Record<string, unknown> = {}, status = 200) =>
    res.status(status).render('pages/users', {
      title: localeOf(res).t('title.users'),
      users: users
        .list()
        .map((u) => ({ ...u, roles: ROLES.map((r) => ({ value: r, selected: r === u.role })), self: u.name === actorOf(res) })),
      roles: ROLES,
      ...extra,
    });

  /** A refusal the admin can act on (bad name, taken name, last admin) re-renders the page. */
  const attempt = async (res: Response, action: () => Promise<string> | string) => {
    try {
      const done = await action();
      res.redirect(303, `/users?done=${encodeURIComponent(done)}`);
    } catch (e) {
      if (isTermbridgeError(e) && e.status < 500) return render(res, { error: describeRefusal(e, localeOf(res)) }, e.status);
      throw e;
    }
  };

  router.get('/', (req, res) => {
    render(res, { done: typeof req.query.done === 'string' ? req.query.done.slice(0, 200) : null });
  });

  router.post('/', async (req, res) => {
    const form = addUserSchema.safeParse(req.body ?? {});
    if (!form.success) return render(res, { error: describeZodIssues(form.error, localeOf(res)) }, 400);
    const problem = passwordRule(form.data.password);
    if (problem) return render(res, { error: describePassword(problem, localeOf(res)) }, 400);
    await attempt(res, async () => {
      const hash = await hashPassword(form.data.password);
      const user = users.create({ name: form.data.name, role: form.data.role, passwordHash: hash }, actorOf(res));
      return localeOf(res).t('users.added', { name: user.name, role: localeOf(res).t('role', { role: user.role }) });
    });
  });

  router.post('/:name/role', async (req, res) => {
    const name = userNameParam.parse(req.params.name);
    const { role } = roleSchema.parse(req.body ?? {});
    await attempt(res, () =>
      localeOf(res).t('users.roleChanged', { name: users.setRole(name, role, actorOf(res)).name, role: localeOf(res).t('role', { role }) }),
    );
  });

  router.post('/:name/password', async (req, res) => {
    const name = userNameParam.parse(req.params.name);
    const { password } = passwordSchema.parse(req.body ?? {});
    const problem = passwordRule(password);
    if (problem) return render(res, { error: describePassword(problem, localeOf(res)) }, 400);
    const hash = await hashPassword(password);
    await attempt(res, () => {
      users.setPasswordHash(name, hash, actorOf(res));
      return localeOf(res).t('users.passwordChanged', { name });
    });
  });

  router.post('/:name/delete', async (req, res) => {
    const name = userNameParam.parse(req.params.name);
    await attempt(res, () => {
      users.remove(name, actorOf(res));
      return localeOf(res).t('users.removed', { name });
    });
  });

  return router;
}
