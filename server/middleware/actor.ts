import type { Response } from 'express';

/** Who is making a change, for history. Authentication sets res.locals.user. */
export function actorOf(res: Response): string {
  const user = res.locals.user as { name?: string } | undefined;
  return user?.name ?? 'anonymous';
}
