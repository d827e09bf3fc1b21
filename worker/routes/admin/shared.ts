// Pieces every organiser route shares: the parameters, the organiser's view of a registration
// (derived from the table), and the audit entry naming the organiser who acted.
import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import type { Context } from 'hono';
import { multiLine } from '../../../model/text.ts';
import type { AuditEntry } from '../../db/audit.ts';
import { findRegistration, type Registration } from '../../db/registrations.ts';
import { registrations } from '../../db/schema.ts';
import type { AppEnv } from '../../env.ts';
import { forgetAvailability } from '../../http/edge-cache.ts';
import { fail, ProblemError } from '../../http/problems.ts';
import type { ChangeResult } from '../../registrations/service.ts';

// A script's token, or a signed-in organiser's session cookie.
export const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

export const eventParam = z.object({
  eventId: z
    .string()
    .min(1)
    .max(120)
    .openapi({ param: { name: 'eventId', in: 'path' }, example: 'indiecon-toronto-2027' }),
});
export const registrationParam = eventParam.extend({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
});

/** A registration as organisers see it: the row without its secrets and internal keys. */
export const registrationView = createSelectSchema(registrations, {
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()])),
})
  .omit({ manageTokenHash: true, emailKey: true, personId: true, consentAt: true })
  .extend({ emailProven: z.boolean() })
  .openapi('Registration');

export const view = (r: Registration): z.infer<typeof registrationView> => {
  const { manageTokenHash: _h, emailKey: _k, personId, consentAt: _c, ...shown } = r;
  return { ...shown, emailProven: personId !== null };
};

export async function loadRegistration(c: Context<AppEnv>, eventId: string, id: number): Promise<Registration> {
  return (
    (await findRegistration(c.var.db, eventId, id)) ??
    fail('registration_not_found', `There is no registration ${id} for this event.`)
  );
}

export function auditBy(
  c: Context<AppEnv>,
  action: string,
  target: { eventId?: string; registrationId?: number; detail?: Record<string, unknown> } = {},
): AuditEntry {
  return { actor: c.var.organiser.name, action, at: c.var.now.toISOString(), ...target };
}

/** A note an organiser adds to the message a decision sends (one field, shared by every route that takes one). */
export const decisionNote = z
  .string()
  .transform(multiLine)
  .pipe(z.string().max(1000))
  .optional()
  .openapi({ description: 'A note included in the message to the person' });

/** The answer to a change of one registration: its problem, or the registration after it. */
export async function answerChange(c: Context<AppEnv>, result: ChangeResult) {
  if (!result.ok) throw new ProblemError(result.problem);
  await forgetAvailability(c, result.registration.eventId);
  return c.json({ registration: view(result.registration) }, 200);
}
