// Public registration: live availability, and registering as JSON or with the plain HTML form.
// The handler parses, calls the registration service and answers.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { availability } from '../../model/admission.ts';
import { type FormFields, formToRequest, registrationRequestSchema } from '../../model/registration.ts';
import { AlreadyRegisteredPage, RegistrationFormPage } from '../../ui/pages.tsx';
import type { FormValues } from '../../ui/registration-form.tsx';
import { eventFromParam } from '../access/middleware.ts';
import { ensureSession } from '../access/session.ts';
import { confirmedCountOf } from '../db/registrations.ts';
import { grant } from '../db/sessions.ts';
import type { AppEnv } from '../env.ts';
import { limitBody, readBody } from '../http/body.ts';
import { edgeCached, forgetAvailability } from '../http/edge-cache.ts';
import { problemResponses, validationProblem } from '../http/openapi.ts';
import { type Problem, ProblemError, problemResponse, problemStatus } from '../http/problems.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { isSameSite } from '../http/same-origin.ts';
import { registrationStatuses } from '../registrations/lifecycle.ts';
import { jsonRequestProblem, register } from '../registrations/service.ts';
import { services } from './context.ts';
import { eventIdParam } from './events.ts';

const availabilitySchema = z
  .object({
    state: z.enum(['open', 'waitlist', 'full', 'application', 'not_yet_open', 'closed']),
    placesLeft: z.number().int().nullable(),
    capacity: z.number().int().nullable(),
    message: z.string(),
  })
  .openapi('Availability');

const createdSchema = z
  .object({
    registration: z.object({
      id: z.number().int(),
      status: z.enum(registrationStatuses),
      ticketCode: z.string(),
      waitlistPosition: z.number().int().nullable().optional(),
      manageUrl: z
        .string()
        .optional()
        .openapi({
          description:
            'A secret link to the manage page; absent on an idempotent replay ' +
            '(the manage link is emailed again instead). ' +
            'It does not prove the email address: only links delivered by email do.',
        }),
    }),
    message: z.string(),
    /** Paid tickets: the order, and Stripe's page where the buyer pays (the places are held until then). */
    order: z
      .object({
        id: z.string(),
        registrationIds: z.array(z.number().int()),
        totalMinor: z.number().int(),
        currency: z.string(),
        checkoutUrl: z.string().optional(),
      })
      .optional(),
    checkoutUrl: z.string().optional(),
  })
  .openapi('Registered');

/**
 * An order placed: the buyer's browser holds the buyer's registration, then goes to Stripe (a form:
 * 303; JSON: 201 with checkoutUrl), or to the manage page when nothing was left to pay.
 */
async function purchased(c: Context<AppEnv>, form: boolean, p: Purchase, message: string, replayed = false) {
  if (form || isSameSite({ url: c.req.url, header: (n) => c.req.header(n) })) {
    const session = await ensureSession(c);
    await grant(c.var.db, session.id, p.buyerId, false, c.var.now.toISOString());
  }
  const next = p.checkoutUrl ?? `/manage/${p.buyerId}?welcome=1`;
  if (form) return c.redirect(next, 303);
  // A repeated request (same Idempotency-Key) gets the same order; the manage link is never stored.
  const manageUrl = p.manageToken ? `${new URL(c.req.url).origin}/manage/${p.manageToken}` : undefined;
  const status = p.outcome === 'checkout' ? ('awaiting_payment' as const) : ('confirmed' as const);
  if (replayed) c.header('idempotent-replayed', 'true');
  return c.json(
    {
      registration: { id: p.buyerId, status, ticketCode: p.ticketCode, ...(manageUrl ? { manageUrl } : {}) },
      order: {
        id: p.orderId,
        registrationIds: p.registrationIds,
        totalMinor: p.totalMinor,
        currency: p.currency,
        ...(p.checkoutUrl ? { checkoutUrl: p.checkoutUrl } : {}),
      },
      ...(p.checkoutUrl ? { checkoutUrl: p.checkoutUrl } : {}),
      message,
    },
    201,
  );
}

type Purchase = Extract<Awaited<ReturnType<typeof register>>, { outcome: 'purchase' }>['purchase'];

/** The form page again, with the typed values kept and each problem next to its field. */
function formPage(c: Context<AppEnv>, values: FormValues, problem: Problem) {
  const errors = Object.fromEntries((problem.fields ?? []).map((f) => [f.field, f.message]));
  const message = problem.fields?.length ? undefined : problem.message;
  const status = problemStatus[problem.code] as 400 | 403 | 409 | 422 | 429;
  const page = RegistrationFormPage({
    event: c.var.event,
    values,
    errors,
    message,
    turnstileSiteKey: c.env.TURNSTILE_SITE_KEY || undefined,
  });
  return c.html(page, status, problem.headers);
}

/**
 * A body the schema refused. JSON gets the same problem register() gives (admission first, then
 * every field and question at once) rather than the schema's fields alone.
 */
async function invalidBody(c: Context<AppEnv>, target: string, issues: Parameters<typeof validationProblem>[0]) {
  // The body was read and parsed already; Hono keeps it.
  const raw = target === 'json' ? await c.req.json().catch(() => undefined) : undefined;
  const problem = raw === undefined ? undefined : jsonRequestProblem(c.var.event, raw, c.var.now);
  return problemResponse(c, problem ?? validationProblem(issues));
}

export const registrationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}/availability',
      operationId: 'getAvailability',
      summary: 'Live availability of an event: states and counts, never who',
      tags: ['Registrations'],
      security: [],
      middleware: [eventFromParam()] as const,
      request: { params: eventIdParam },
      responses: {
        200: { description: 'Availability', content: { 'application/json': { schema: availabilitySchema } } },
        ...problemResponses(404),
      },
    }),
    async (c) => {
      const event = c.var.event;
      // Every view of the event page asks; Cloudflare's cache answers most of them for 15 seconds.
      return edgeCached(c, (await c.var.content.site()).version, async () => {
        const confirmed = event.capacity === null ? 0 : await confirmedCountOf(c.var.db, event.id);
        c.header('cache-control', 'public, max-age=15');
        return c.json(availability(event, confirmed, c.var.now), 200);
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/events/{eventId}/registrations',
      operationId: 'register',
      summary: 'Register for an event (JSON, or an HTML form that is answered with a 303 redirect)',
      description:
        'Open events confirm while places remain, then waitlist (if the event has a waitlist), else refuse as full. ' +
        'Application events keep the registration pending. The same email never takes a second place: the answer ' +
        'says so and the manage link is emailed again. Send an Idempotency-Key header to make retries safe.',
      tags: ['Registrations'],
      security: [],
      middleware: [rateLimit(), limitBody(16 * 1024), eventFromParam()] as const,
      request: {
        params: eventIdParam,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
        // Not "required": each declared type is validated only when the request carries it.
        body: {
          content: {
            'application/json': { schema: registrationRequestSchema },
            'application/x-www-form-urlencoded': {
              schema: z.record(z.string(), z.union([z.string(), z.array(z.string())])).openapi({
                description: 'The same fields as the JSON body; answers as answers.<question id>, consent=on.',
              }),
            },
          },
        },
      },
      responses: {
        201: { description: 'Registered', content: { 'application/json': { schema: createdSchema } } },
        200: {
          description: 'Already registered with this email; the manage link was emailed again',
          content: {
            'application/json': {
              schema: z
                .object({ status: z.literal('already_registered'), message: z.string() })
                .openapi('AlreadyRegistered'),
            },
          },
        },
        303: { description: 'Form submissions: redirect to the manage page, or to Stripe Checkout for paid tickets' },
        ...problemResponses(400, 403, 404, 409, 413, 415, 422, 429),
      },
    }),
    async (c) => {
      const event = c.var.event;
      const body = await readBody(c);
      const mapped =
        body.kind === 'form'
          ? formToRequest(
              body.data as FormFields,
              event.registration.questions.map((q) => q.id),
            )
          : undefined;
      const request = mapped ? mapped.request : body.data;
      const values = (mapped?.request ?? {}) as FormValues;
      const result = await register(services(c), event, {
        request,
        unknownFields: mapped?.unknown,
        idempotencyKey: c.req.header('idempotency-key'),
        clientAddress: c.req.header('cf-connecting-ip'),
        origin: new URL(c.req.url).origin,
      });
      if (!result.ok) {
        if (body.kind === 'form') return formPage(c, values, result.problem);
        throw new ProblemError(result.problem);
      }
      if (result.outcome === 'duplicate') {
        if (body.kind === 'form') return c.html(AlreadyRegisteredPage({ event, message: result.message }), 200);
        return c.json({ status: 'already_registered' as const, message: result.message }, 200);
      }
      if (result.outcome === 'replayed') {
        c.header('idempotent-replayed', 'true');
        return c.json({ registration: result.registration, message: result.message }, 201);
      }
      forgetAvailability(c, event.id);
      if (result.outcome === 'purchase')
        return purchased(c, body.kind === 'form', result.purchase, result.message, result.replayed);
      const { registration } = result;
      // A browser (the form, or the event page's script) keeps the registration in its session,
      // so the manage page opens without a secret in the address. Scripts get the link instead.
      if (body.kind === 'form' || isSameSite({ url: c.req.url, header: (n) => c.req.header(n) })) {
        const session = await ensureSession(c);
        await grant(c.var.db, session.id, registration.id, false, c.var.now.toISOString());
      }
      if (body.kind === 'form')
        return c.redirect(`/manage/${registration.id}?welcome=${result.emailed ? 1 : 'quiet'}`, 303);
      const manageUrl = `${new URL(c.req.url).origin}/manage/${result.manageToken}`;
      return c.json({ registration: { ...registration, manageUrl }, message: result.message }, 201);
    },
    (result, c) => (result.success ? undefined : invalidBody(c, result.target, result.error.issues)),
  );
