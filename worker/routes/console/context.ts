// What every console page needs: who is signed in, and the token its forms carry.
import type { Context } from 'hono';
import type { ConsoleContext } from '../../../ui/console/layout.tsx';
import { csrfToken } from '../../access/csrf.ts';
import type { AppEnv } from '../../env.ts';

export async function consoleContext(c: Context<AppEnv>): Promise<ConsoleContext> {
  const o = c.var.organiser;
  return { organiser: { name: o.name, role: o.role }, csrf: await csrfToken(c) };
}
