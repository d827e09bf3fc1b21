// The answer to a manage link or page this browser cannot open: the same 404 whatever the reason,
// with "email me my links" for the person who lost theirs.
import type { Context } from 'hono';
import { LinkNotFoundPage } from '../../../ui/pages.tsx';
import type { AppEnv } from '../../env.ts';
import { privateHeaders } from '../../http/security-headers.ts';

export const notFound = (c: Context<AppEnv>) => {
  privateHeaders(c);
  return c.html(LinkNotFoundPage(), 404);
};
