// Reading the audit log, for the console's page and the organiser API alike: the filters as they
// arrive in a URL, checked once, and the scope of the organiser reading (a role scoped to events
// reads only those events' entries).
import { z } from 'zod';
import { type Organiser, organiserMay } from '../access/rules.ts';
import { type AuditQuery, auditEntries } from '../db/audit.ts';
import type { Db } from '../db/client.ts';

/** Entries on one page. */
export const AUDIT_PAGE = 50;

/** A field left empty in a form means "any". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const day = z.iso.date({ message: 'Give a date as YYYY-MM-DD.' });
const whole = 'A registration is a whole number.';
const older = 'Use the link to older entries.';

const auditFilterFields = z.object({
  eventId: optional(
    z
      .string()
      .trim()
      .max(120, 'An event id is at most 120 characters.')
      .regex(/^[a-z0-9]+(?:[-/][a-z0-9]+)*$/, 'An event id is lower-case letters, digits and dashes.'),
  ),
  actor: optional(z.string().trim().max(254, 'Search for at most 254 characters.')),
  action: optional(
    z
      .string()
      .trim()
      .max(60, 'An action is at most 60 characters.')
      .regex(/^[a-z0-9.-]+$/, 'An action is like "registration.approve".'),
  ),
  registrationId: optional(
    z.coerce
      .number({ error: whole })
      .int(whole)
      .positive(whole)
      .max(2 ** 31, whole),
  ),
  from: optional(day),
  to: optional(day),
  before: optional(
    z.coerce
      .number({ error: older })
      .int(older)
      .positive(older)
      .max(2 ** 53 - 1, older),
  ),
});

export const auditFilterSchema = auditFilterFields.refine((f) => !f.from || !f.to || f.from <= f.to, {
  path: ['to'],
  message: 'The end date is before the start.',
});

export type AuditFilter = z.output<typeof auditFilterSchema>;
export type AuditFieldError = { field: string; message: string };

export function parseAuditFilter(
  params: URLSearchParams,
): { ok: true; value: AuditFilter } | { ok: false; errors: AuditFieldError[] } {
  const raw = Object.fromEntries(
    Object.keys(auditFilterFields.shape).map((k) => [k, params.get(k) ?? undefined] as const),
  );
  const parsed = auditFilterSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'filter');
    if (!errors.has(field)) errors.set(field, issue.message);
  }
  return { ok: false, errors: [...errors].map(([field, message]) => ({ field, message })) };
}

/** The day after "YYYY-MM-DD": the "to" date counts whole. */
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export type AuditScope = { ok: true; eventIds?: readonly string[] } | { ok: false; reason: string };

/** Which entries an organiser may read: all, or (a role scoped to events) those events'. */
export function auditScope(who: Organiser, eventId?: string): AuditScope {
  if (eventId !== undefined || !who.eventIds) return organiserMay(who, 'audit.read', eventId);
  // The role is checked on any one event of the scope; an empty scope reads nothing.
  const allowed = organiserMay({ ...who, eventIds: null }, 'audit.read');
  return allowed.ok ? { ok: true, eventIds: who.eventIds } : allowed;
}

/** A page of entries, newest first, and the id to continue before (null on the last page). */
export async function readAudit(db: Db, scope: { eventIds?: readonly string[] }, f: AuditFilter, limit = AUDIT_PAGE) {
  const q: AuditQuery = {
    eventId: f.eventId,
    eventIds: scope.eventIds,
    actor: f.actor,
    action: f.action,
    registrationId: f.registrationId,
    from: f.from,
    until: f.to && nextDay(f.to),
    before: f.before,
    limit: limit + 1,
  };
  const rows = await auditEntries(db, q);
  const entries = rows.slice(0, limit);
  return { entries, nextBefore: rows.length > limit ? entries.at(-1)!.id : null };
}
