// Composes the API: routers per resource under /api, the OpenAPI document, and the one error
// handler that turns every failure into problem details.
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import packageJson from '../package.json';
import { bundledCatalogue, type CatalogueIndex } from './catalogue.ts';
import type { AppEnv } from './env.ts';
import { type AdminEnv, requireToken } from './http/auth.ts';
import { validationHook } from './http/openapi.ts';
import { ProblemError, problemResponse } from './http/problems.ts';
import { adminAudit } from './routes/admin/audit.ts';
import { adminCheckIn } from './routes/admin/check-in.ts';
import { adminMeetings } from './routes/admin/meetings.ts';
import { adminRegistrations } from './routes/admin/registrations.ts';
import { adminTokens } from './routes/admin/tokens.ts';
import { calendars } from './routes/calendars.ts';
import { devMailbox } from './routes/dev-mailbox.ts';
import { events } from './routes/events.ts';
import { health } from './routes/health.ts';
import { manage } from './routes/manage.ts';
import { manageMatching } from './routes/manage-matching.ts';
import { registrationRoutes } from './routes/registrations.ts';

export type AppOptions = { catalogue?: () => CatalogueIndex };

export function createApp(options: AppOptions = {}) {
  const catalogue = options.catalogue ?? bundledCatalogue;
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).basePath('/api');
  api.route('/', health);
  api.route('/', events);
  api.route('/', registrationRoutes);
  api.route('/', devMailbox);
  api.route('/', calendars);

  const admin = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  admin.use('*', requireToken());
  admin.route('/', adminRegistrations);
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

  api.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Gathering API',
      version: packageJson.version,
      description: 'Events, registrations, calendars and the organiser API.',
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));

  const app = new OpenAPIHono<AppEnv>();
  app.use('*', async function provideCatalogue(c, next) {
    c.set('catalogue', catalogue());
    await next();
  });
  app.route('/', api);
  app.route('/', manage);
  app.route('/', manageMatching);

  app.notFound((c) => {
    if (new URL(c.req.url).pathname.startsWith('/api/')) {
      return problemResponse(c, {
        code: 'not_found',
        message: `No API route matches ${c.req.method} ${new URL(c.req.url).pathname}.`,
      });
    }
    return c.env.ASSETS.fetch(c.req.raw);
  });

  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.problem);
    if (error instanceof HTTPException && error.status === 413) {
      return problemResponse(c, {
        code: 'payload_too_large',
        message: 'The request body is larger than this endpoint accepts.',
      });
    }
    if (error instanceof HTTPException && error.status === 415) {
      return problemResponse(c, {
        code: 'unsupported_media_type',
        message: 'Send the body as application/json or an HTML form.',
      });
    }
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(c, { code: 'malformed_body', message: error.message || 'The request could not be read.' });
    }
    console.error(
      'unhandled error',
      c.req.method,
      new URL(c.req.url).pathname,
      error instanceof Error ? error.stack : String(error),
    );
    return problemResponse(c, {
      code: 'internal',
      message: 'Something went wrong on our side. It has been logged; please try again.',
    });
  });

  return app;
}
