// The organisers' audit trail: every organiser action is written in the same batch as the action.
import type { Db } from './client.ts';
import { auditLog } from './schema.ts';

export type AuditEntry = {
  actor: string;
  action: string;
  eventId?: string | null;
  registrationId?: number | null;
  detail?: Record<string, unknown>;
  at: string;
};

export const auditStatement = (db: Db, e: AuditEntry) =>
  db.insert(auditLog).values({
    at: e.at,
    actor: e.actor,
    action: e.action,
    eventId: e.eventId ?? null,
    registrationId: e.registrationId ?? null,
    detail: e.detail ?? null,
  });
