// Vouchers as organisers manage them: creating one (its code only as a hash), the list with uses,
// disabling. Redeeming is the buying path's (an atomic UPDATE in the hold's batch).
import { sql } from 'drizzle-orm';
import { type AuditEntry, auditWhen } from './audit.ts';
import { batch } from './batch.ts';
import type { Db } from './client.ts';

export type NewVoucher = {
  eventId: string;
  codeHash: string;
  hint: string;
  kind: 'percent' | 'amount' | 'unlock';
  value: number | null;
  ticketType: string | null;
  maxUses: number;
  validUntil: string | null;
  createdBy: string;
  createdAt: string;
};

export type VoucherRecord = Omit<NewVoucher, 'codeHash' | 'eventId'> & {
  id: number;
  uses: number;
  disabledAt: string | null;
};

/**
 * Stores the voucher and its audit entry in one batch; false when the event has a voucher with this
 * code already (the unique index on the hash decides, so two organisers choosing one code get one).
 */
export async function insertVoucher(db: Db, v: NewVoucher, audit: AuditEntry): Promise<number | undefined> {
  const [inserted] = await batch(db, [
    sql`INSERT INTO vouchers (event_id, code_hash, hint, kind, value, ticket_type, max_uses, uses, valid_until,
        created_by, created_at)
      VALUES (${v.eventId}, ${v.codeHash}, ${v.hint}, ${v.kind}, ${v.value}, ${v.ticketType}, ${v.maxUses}, 0,
        ${v.validUntil}, ${v.createdBy}, ${v.createdAt})
      ON CONFLICT DO NOTHING RETURNING id`,
    auditWhen(audit, sql`changes() = 1`),
  ]);
  return (inserted!.results[0] as { id: number } | undefined)?.id;
}

export async function vouchersOfEvent(db: Db, eventId: string): Promise<VoucherRecord[]> {
  return db.all<VoucherRecord>(sql`SELECT id, hint, kind, value, ticket_type AS ticketType, max_uses AS maxUses,
      uses, valid_until AS validUntil, created_by AS createdBy, created_at AS createdAt, disabled_at AS disabledAt
    FROM vouchers WHERE event_id = ${eventId} ORDER BY id DESC LIMIT 500`);
}

/** Disables the voucher (once: a second click changes nothing); whether it changed. */
export async function disableVoucher(db: Db, eventId: string, id: number, now: string, audit: AuditEntry) {
  const [changed] = await batch(db, [
    sql`UPDATE vouchers SET disabled_at = ${now} WHERE id = ${id} AND event_id = ${eventId} AND disabled_at IS NULL`,
    auditWhen(audit, sql`changes() > 0`),
  ]);
  return (changed?.meta.changes ?? 0) > 0;
}
