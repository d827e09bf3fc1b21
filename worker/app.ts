// Composes the worker: routers per resource under /api, the manage pages, the OpenAPI document,
// security headers and cross-site checks on every request, and the one error handler that turns
// every failure into problem details (or a readable page, for forms).
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import packageJson from '../package.json';
import { ProblemPage } from '../ui/pages.tsx';
import { SESSION_COOKIE } from './access/links.ts';
import { organiserAccess } from './access/middleware.ts';
import { assetsSource, CATALOGUE_PREFIX, type ContentSource } from './content/source.ts';
import type { AppEnv, Bindings } from './env.ts';
import { d1Sessions } from './http/d1-session.ts';
import { describeError, isUnmigrated, redactPath } from './http/errors.ts';
import { validationHook } from './http/openapi.ts';
import { type Problem, ProblemError, problemResponse, problemStatus, problemTitles } from './http/problems.ts';
import { sameOriginWrites } from './http/same-origin.ts';
import { secureHeaders } from './http/security-headers.ts';
import { adminAudit } from './routes/admin/audit.ts';
import { adminCheckIn } from './routes/admin/check-in.ts';
import { adminDecisions } from './routes/admin/decisions.ts';
import { adminExports } from './routes/admin/exports.ts';
import { adminMeetings } from './routes/admin/meetings.ts';
import { adminRegistrations } from './routes/admin/registrations.ts';
import { adminTokens } from './routes/admin/tokens.ts';
import { calendars } from './routes/calendars.ts';
import { consoleRoutes } from './routes/console/index.tsx';
import { isFormPost } from './routes/context.ts';
import { devMailbox } from './routes/dev-mailbox.tsx';
import { events } from './routes/events.ts';
import { feedReminders } from './routes/feed-reminders.ts';
import { health } from './routes/health.ts';
import { manage } from './routes/manage/index.tsx';
import { manageMatching } from './routes/manage/matching.ts';
import { manageNewDate } from './routes/manage/new-date.tsx';
import { messageLinks } from './routes/message-links.ts';
import { my } from './routes/my.tsx';
import { myLinks } from './routes/my-links.tsx';
import { programmeCalendars } from './routes/programme-calendars.ts';
import { registrationRoutes } from './routes/registrations.ts';
import { schedules } from './routes/schedule.ts';
import { signIn } from './routes/sign-in.tsx';
import { stripeWebhook } from './routes/stripe-webhook.ts';
import { tickets } from './routes/tickets.tsx';

export type AppOptions = {
  /** Where the published content comes from; the deployed static assets unless tests hand in fixtures. */
  content?: (env: Bindings) => ContentSource;
  /** The clock; tests move it instead of waiting. */
  clock?: (env: Bindings) => Date;
};

// Set at the first request: at module scope a worker's clock still reads 0.
let started: number | undefined;
/**
 * The real clock, except in local development (DEV_MAILBOX=on) with DEV_NOW set: then time starts at
 * DEV_NOW and runs on, so browser tests see the sample events as they were on a fixed day.
 */
export function clockOf(env: Bindings): Date {
  if (env.DEV_MAILBOX === 'on' && env.DEV_NOW) {
    started ??= Date.now();
    return new Date(Date.parse(env.DEV_NOW) + (Date.now() - started));
  }
  return new Date();
}

export function createApp(options: AppOptions = {}) {
  const content = options.content ?? ((env: Bindings) => assetsSource(env.ASSETS));
  const clock = options.clock ?? clockOf;

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).basePath('/api');
  api.route('/', health);
  api.route('/', events);
  api.route('/', registrationRoutes);
  api.route('/', devMailbox);
  api.route('/', calendars);
  api.route('/', myLinks);
  api.route('/', programmeCalendars);
  api.route('/', schedules);
  api.route('/', stripeWebhook);

  const admin = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  admin.use('*', organiserAccess());
  admin.route('/', adminDecisions);
  admin.route('/', adminRegistrations);
  admin.route('/', adminExports);
  admin.route('/', adminCheckIn);
  admin.route('/', adminAudit);
  admin.route('/', adminTokens);
  admin.route('/', adminMeetings);
  api.route('/admin', admin);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An organiser token from npm run token:create',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session of an organiser signed in at /signin (browsers only: same-origin requests)',
  });

  api.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Gathering API',
      version: packageJson.version,
      description: 'Events, registrations, calendars and the organiser API.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));

  const app = new OpenAPIHono<AppEnv>();
  app.use('*', secureHeaders());
  app.use('*', async function provideContext(c, next) {
    c.set('content', content(c.env));
    c.set('now', clock(c.env));
    await next();
  });
  app.use('*', sameOriginWrites());
  app.use('*', d1Sessions());
  app.route('/', api);
  app.route('/', manage);
  app.route('/', manageMatching);
  app.route('/', manageNewDate);
  app.route('/', signIn);
  app.route('/', my);
  app.route('/', feedReminders);
  app.route('/', consoleRoutes);
  app.route('/', messageLinks);
  app.route('/', tickets);

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/api/'))
      return problemResponse(c, { code: 'not_found', message: `No API route matches ${c.req.method} ${path}.` });
    // The catalogue files are the worker's own reading; they are not published as such.
    if (path.startsWith(CATALOGUE_PREFIX)) return c.text('Not found', 404);
    // Static files answer reads; a write to a path nothing handles is refused here (its body may be read).
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD')
      return problemResponse(c, { code: 'not_found', message: `Nothing here accepts ${c.req.method} ${path}.` });
    return c.env.ASSETS.fetch(c.req.raw);
  });

  app.onError((error, c) => {
    const problem = problemOf(error);
    if (problem.code === 'internal') {
      console.error('unhandled error', c.req.method, redactPath(new URL(c.req.url).pathname), describeError(error));
    } else if (problem.code === 'database_unavailable') {
      console.error('database not ready', describeError(error));
    }
    if (isFormPost(c) || wantsPage(c)) {
      const page = ProblemPage({ title: problemTitles[problem.code], message: problem.message });
      return c.html(page, problemStatus[problem.code], problem.headers);
    }
    return problemResponse(c, problem);
  });

  return app;
}

/** Pages of the site (the console) answer problems with a readable page, not JSON. */
const wantsPage = (c: { req: { url: string; header: (name: string) => string | undefined } }) =>
  new URL(c.req.url).pathname.startsWith('/console') && (c.req.header('accept') ?? '').includes('text/html');

function problemOf(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  if (error instanceof HTTPException && error.status === 413)
    return { code: 'payload_too_large', message: 'The request body is larger than this endpoint accepts.' };
  if (error instanceof HTTPException && error.status === 415)
    return { code: 'unsupported_media_type', message: 'Send the body as application/json or an HTML form.' };
  if (error instanceof HTTPException && error.status < 500)
    return { code: 'malformed_body', message: error.message || 'The request could not be read.' };
  if (isUnmigrated(error))
    return {
      code: 'database_unavailable',
      message: 'The database is not set up for this version: its migrations have not been applied. Try again later.',
    };
  return { code: 'internal', message: 'Something went wrong on our side. It has been logged; please try again.' };
}
