// What handlers hand to services: the database, the content, the clock and a place for background work.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { Services } from '../registrations/service.ts';

export function services(c: Context<AppEnv>): Services {
  return {
    env: c.env,
    db: c.var.db,
    content: c.var.content,
    now: c.var.now,
    background: (work) => c.executionCtx.waitUntil(work),
  };
}

/** Whether the request's body was an HTML form: such requests are answered with pages. */
export const isFormPost = (c: Context) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
};
