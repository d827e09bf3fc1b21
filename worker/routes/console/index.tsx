// The organiser console: server-rendered pages for organisers signed in as people. Every action
// goes through the same services, access table and audit log as /api/admin; every write checks
// Origin (http/same-origin.ts) and the session's CSRF token (access/csrf.ts).
import { Hono } from 'hono';
import { NotOrganiserPage } from '../../../ui/console/events-page.tsx';
import { csrfProtection } from '../../access/csrf.ts';
import { consoleAccess } from '../../access/middleware.ts';
import type { AppEnv } from '../../env.ts';
import { limitBody } from '../../http/body.ts';
import { privateHeaders } from '../../http/security-headers.ts';
import { consoleDoor } from './door.tsx';
import { consoleEvents } from './events.tsx';
import { consoleOrganisers } from './organisers.tsx';
import { consolePayments } from './payments.tsx';
import { consoleRegistrations } from './registrations.tsx';
import { consoleTools } from './tools.ts';

export const consoleRoutes = new Hono<AppEnv>();

consoleRoutes.use('/console/*', async function consolePrivacy(c, next) {
  await next();
  privateHeaders(c);
});
consoleRoutes.use(
  '/console/*',
  consoleAccess((c) => c.html(<NotOrganiserPage />, 403)),
);
// Bodies are capped before the CSRF check reads them; no console form needs more.
consoleRoutes.use('/console/*', limitBody(64 * 1024));
consoleRoutes.use('/console/*', csrfProtection());
consoleRoutes.get('/console', (c) => c.redirect('/console/', 301));
consoleRoutes.route('/', consoleEvents);
consoleRoutes.route('/', consoleRegistrations);
consoleRoutes.route('/', consoleTools);
consoleRoutes.route('/', consoleOrganisers);
consoleRoutes.route('/', consoleDoor);
consoleRoutes.route('/', consolePayments);
