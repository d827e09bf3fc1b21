// Pieces every organiser route shares: the event parameter, the organiser's view of a
// registration, and the audit entry for the acting token.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { CatalogueEvent } from '../../../model/catalogue.ts';
import type { AuditEntry } from '../../db/audit.ts';
import type { Registration } from '../../db/registrations.ts';
import { registrationStatuses } from '../../db/schema.ts';
import type { AdminEnv } from '../../http/auth.ts';
import { fail } from '../../http/problems.ts';

export const security = [{ bearer: [] }];

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

export const registrationView = z
  .object({
    id: z.number().int(),
    eventId: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(registrationStatuses),
    answers: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()])),
    ticketCode: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    waitlistedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionMessage: z.string().nullable(),
    checkedInAt: z.string().nullable(),
  })
  .openapi('Registration');

export const view = (r: Registration): z.infer<typeof registrationView> => ({
  id: r.id,
  eventId: r.eventId,
  name: r.name,
  email: r.email,
  status: r.status,
  answers: r.answers,
  ticketCode: r.ticketCode,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  waitlistedAt: r.waitlistedAt,
  decidedAt: r.decidedAt,
  decisionMessage: r.decisionMessage,
  checkedInAt: r.checkedInAt,
});

export function requireEvent(c: Context<AdminEnv>, id: string): CatalogueEvent {
  return c.var.catalogue.find(id) ?? fail('event_not_found', `There is no event with id "${id.slice(0, 120)}".`);
}

export function auditBy(
  c: Context<AdminEnv>,
  action: string,
  now: string,
  target: { eventId?: string; registrationId?: number; detail?: Record<string, unknown> } = {},
): AuditEntry {
  return {
    actor: c.var.token.name,
    action,
    at: now,
    eventId: target.eventId,
    registrationId: target.registrationId,
    detail: target.detail,
  };
}
