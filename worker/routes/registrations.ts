// Public registration: live availability, and registering as JSON or with the plain HTML form.
// The handler only parses, calls the domain and the database, and answers.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { formToRequest, registrationRequestSchema } from '../../model/registration.ts';
import { type FormValues, renderRegistrationForm } from '../../model/registration-form.ts';
import { indexVocabulary } from '../../model/vocabulary.ts';
import { database } from '../db/client.ts';
import { confirmedCountOf, createRegistration, findIdempotent, resendManageLink } from '../db/registrations.ts';
import { admission, availability } from '../domain/admission.ts';
import { checkAnswers } from '../domain/answers.ts';
import { hashSecret, newSecret, newTicketCode } from '../domain/secrets.ts';
import type { AppEnv } from '../env.ts';
import { limitBody, readBody } from '../http/body.ts';
import { fieldProblems, problemResponses } from '../http/openapi.ts';
import { fail, type Problem, problemResponse } from '../http/problems.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { passesTurnstile } from '../http/turnstile.ts';
import { profileFrom } from '../matching/profile.ts';
import { scheduleDelivery } from '../outbox/deliver.ts';
import { page } from '../pages/layout.ts';
import { eventIdParam } from './events.ts';

const availabilitySchema = z.object({
  state: z.enum(['open', 'waitlist', 'full', 'application', 'not_yet_open', 'closed']),
  placesLeft: z.number().int().nullable(),
  capacity: z.number().int().nullable(),
  message: z.string(),
});

const createdSchema = z.object({
  registration: z.object({
    id: z.number().int(),
    status: z.enum(['pending', 'confirmed', 'waitlisted']),
    ticketCode: z.string(),
    waitlistPosition: z.number().int().nullable().optional(),
    manageUrl: z.string().optional().openapi({
      description: 'The secret link to the manage page; absent on an idempotent replay (it is emailed again instead).',
    }),
  }),
  message: z.string(),
});

const requireEvent = (c: Context<AppEnv>, id: string): CatalogueEvent =>
  c.var.catalogue.find(id) ?? fail('event_not_found', `There is no event with id "${id.slice(0, 120)}".`);

const statusMessages = {
  confirmed: 'Your place is confirmed. We have emailed you your ticket and a link to manage your registration.',
  waitlisted: 'The event is full, so you are on the waitlist. We have emailed you a link to see your position.',
  pending: 'Your application is in. The organisers will email you their decision.',
} as const;

/** The form page again, with the typed values kept and each problem next to its field. */
function formPage(c: Context<AppEnv>, event: CatalogueEvent, values: FormValues, problem: Problem) {
  const errors: Record<string, string> = Object.fromEntries((problem.fields ?? []).map((f) => [f.field, f.message]));
  const mode = event.registration.mode === 'application' ? 'application' : 'open';
  const body = html`<p><a href="/events/${event.id}/">← ${event.title}</a></p>
    <h1>Register for ${event.title}</h1>
    ${problem.fields?.length ? '' : html`<div class="form-errors" role="alert"><p>${problem.message}</p></div>`}
    ${raw(renderRegistrationForm({ eventId: event.id, questions: event.registration.questions, mode, values, errors }))}`;
  const status = problem.code === 'validation_failed' || problem.code === 'bot_suspected' ? 400 : 409;
  return c.html(page(`Register for ${event.title}`, body), status as 400 | 409);
}

export const registrationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}/availability',
      summary: 'Live availability of an event: states and counts, never who',
      tags: ['Registrations'],
      request: { params: eventIdParam },
      responses: {
        200: { description: 'Availability', content: { 'application/json': { schema: availabilitySchema } } },
        ...problemResponses(404),
      },
    }),
    async (c) => {
      const event = requireEvent(c, c.req.valid('param').eventId);
      const confirmed = event.capacity === null ? 0 : await confirmedCountOf(database(c.env.DB), event.id);
      c.header('cache-control', 'public, max-age=15');
      return c.json(availability(event, confirmed, new Date()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/events/{eventId}/registrations',
      summary: 'Register for an event (JSON, or an HTML form that is answered with a 303 redirect)',
      description:
        'Open events confirm while places remain, then waitlist (if the event has a waitlist), else refuse as full. Application events keep the registration pending. The same email never takes a second place: the answer says so and the manage link is emailed again. Send an Idempotency-Key header to make retries safe.',
      tags: ['Registrations'],
      middleware: [rateLimit(), limitBody(16 * 1024)] as const,
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
            'application/json': { schema: z.object({ status: z.literal('already_registered'), message: z.string() }) },
          },
        },
        303: { description: 'Form submissions: redirect to the manage page' },
        ...problemResponses(400, 403, 404, 409, 413, 415, 422, 429),
      },
    }),
    async (c) => {
      const event = requireEvent(c, c.req.param('eventId'));
      const body = await readBody(c);
      const raw = body.kind === 'form' ? formToRequest(body.data as Record<string, string | string[]>) : body.data;
      const values = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as FormValues & {
        homepage?: unknown;
      };
      const answer = (problem: Problem) =>
        body.kind === 'form' ? formPage(c, event, values, problem) : problemResponse(c, problem);

      if (values.homepage)
        return answer({
          code: 'bot_suspected',
          message: 'This looks automated: the hidden "homepage" field must stay empty.',
          fields: [{ field: 'homepage', message: 'Leave this field empty.' }],
        });
      const now = new Date();
      const decision = admission(event, now);
      if (!decision.ok) return answer(decision.refusal);
      // Every problem at once: the person fixes the whole form in one go.
      const parsed = registrationRequestSchema.safeParse(raw);
      const rawAnswers =
        values.answers && typeof values.answers === 'object' && !Array.isArray(values.answers) ? values.answers : {};
      const { answers, errors: answerErrors } = checkAnswers(event.registration.questions, rawAnswers);
      const fields = [
        ...(parsed.success ? [] : fieldProblems(parsed.error.issues).filter((f) => !f.field.startsWith('answers.'))),
        ...answerErrors,
      ];
      if (!parsed.success || fields.length)
        return answer({ code: 'validation_failed', message: 'Some fields need attention.', fields });
      const request = parsed.data;
      if (
        c.env.TURNSTILE_SECRET_KEY &&
        !(await passesTurnstile(c.env.TURNSTILE_SECRET_KEY, request.turnstileToken, c.req.header('cf-connecting-ip')))
      ) {
        return answer({ code: 'turnstile_failed', message: 'The human check did not pass; please try again.' });
      }

      const db = database(c.env.DB);
      const sendLinkAgain = async (registrationId: number) => {
        await resendManageLink(db, event, registrationId, now.toISOString());
        c.executionCtx.waitUntil(scheduleDelivery(c.env, c.var.catalogue, { registrationId }));
      };
      const key = c.req.header('idempotency-key');
      const requestHash = key ? await hashSecret(JSON.stringify(request)) : '';
      if (key) {
        const prior = await findIdempotent(db, event.id, key);
        if (prior && prior.requestHash !== requestHash)
          return answer({
            code: 'idempotency_key_reused',
            message: 'This Idempotency-Key was already used with a different request body.',
          });
        if (prior) {
          const registration = JSON.parse(prior.body) as {
            id: number;
            status: keyof typeof statusMessages;
            ticketCode: string;
          };
          await sendLinkAgain(registration.id);
          c.header('idempotent-replayed', 'true');
          return c.json(
            {
              registration,
              message: `${statusMessages[registration.status]} (This repeats an earlier request; the manage link was emailed again.)`,
            },
            201,
          );
        }
      }

      const token = newSecret('m_');
      const outcome = await createRegistration(db, {
        event,
        terms: decision.terms,
        name: request.name,
        email: request.email,
        answers,
        ticketCode: newTicketCode(),
        manageTokenHash: await hashSecret(token),
        now: now.toISOString(),
        idempotency: key ? { key, requestHash } : undefined,
        profile:
          request.profile &&
          profileFrom(
            request.profile,
            request.name,
            indexVocabulary(c.var.catalogue.catalogue.vocabulary),
            now.toISOString(),
          ),
      });
      const origin = new URL(c.req.url).origin;
      if (outcome.outcome === 'full')
        return answer({
          code: 'event_full',
          message: `${event.title} is full${event.registration.waitlist ? '' : ' and has no waitlist'}.`,
        });
      if (outcome.outcome === 'duplicate') {
        await sendLinkAgain(outcome.registration.id);
        const message = `This email address is already registered for ${event.title}. We have emailed the link to manage that registration again.`;
        if (body.kind === 'form')
          return c.html(
            page(
              'Already registered',
              html`<h1>You're already registered</h1><p class="notice">${message}</p><p><a href="/events/${event.id}/">Back to ${event.title}</a></p>`,
            ),
            200,
          );
        return c.json({ status: 'already_registered' as const, message }, 200);
      }
      c.executionCtx.waitUntil(
        scheduleDelivery(
          c.env,
          c.var.catalogue,
          { registrationId: outcome.registration.id, manageToken: token },
          outcome.message ? [outcome.message] : [],
        ),
      );
      const manageUrl = `${origin}/manage/${token}`;
      if (body.kind === 'form') return c.redirect(`${manageUrl}?welcome=1`, 303);
      const { id, status, ticketCode, waitlistPosition } = outcome.registration;
      return c.json(
        {
          registration: { id, status: status as keyof typeof statusMessages, ticketCode, waitlistPosition, manageUrl },
          message: statusMessages[status as keyof typeof statusMessages],
        },
        201,
      );
    },
  );
