// Organisers' vouchers apart from HTTP: reading the console's form (zod), making a code when none is
// chosen, storing only its hash, listing with uses, and disabling. The code exists in clear only in
// the answer that creates it.
import { z } from 'zod';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { minorOf } from '../../model/money-input.ts';
import { currencyExponent, formatMoney } from '../../model/tickets.ts';
import { localToUtc, normaliseLocal, parseLocal } from '../../model/time.ts';
import { formatInstant } from '../../model/time-format.ts';
import { disableVoucher, insertVoucher, type VoucherRecord, vouchersOfEvent } from '../db/voucher-admin.ts';
import type { Problem } from '../http/problems.ts';
import type { Services } from '../registrations/service.ts';
import { voucherCodeHash } from './checkout.ts';

/** Codes people can read out and type: no 0/O, 1/I/L, U. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "K7QM-4TZ8-HXP2": 12 characters, about 59 bits, far beyond guessing within a sale. */
export function newVoucherCode(): string {
  const limit = 256 - (256 % CODE_ALPHABET.length);
  const chars: string[] = [];
  while (chars.length < 12)
    for (const b of crypto.getRandomValues(new Uint8Array(16)))
      if (b < limit && chars.length < 12) chars.push(CODE_ALPHABET[b % CODE_ALPHABET.length]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

export type VoucherFields = Partial<
  Record<'code' | 'kind' | 'percent' | 'amount' | 'ticketType' | 'maxUses' | 'validUntil', string>
>;
type Invalid = { ok: false; problem: Problem; fields: Record<string, string>; values: VoucherFields };

const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 100).trim() : '');
const formSchema = z.object({
  code: z.union([z.literal(''), z.string().regex(/^-*(?:[A-Za-z0-9]-*){8,32}$/)]),
  kind: z.enum(['percent', 'amount', 'unlock']),
  maxUses: z.coerce.number().int().min(1).max(10_000),
});

/** The form as submitted, checked against the event: its ticket types, currency and clock. */
export function readVoucherInput(event: CatalogueEvent, data: Record<string, unknown>, now: Date) {
  const values: VoucherFields = Object.fromEntries(
    (['code', 'kind', 'percent', 'amount', 'ticketType', 'maxUses', 'validUntil'] as const).map((k) => [
      k,
      text(data[k]),
    ]),
  );
  const fields: Record<string, string> = {};
  const base = formSchema.safeParse({ code: values.code, kind: values.kind, maxUses: values.maxUses || '1' });
  for (const issue of base.success ? [] : base.error.issues) {
    const key = String(issue.path[0]);
    fields[key] = {
      code: 'A code is 8 to 32 letters, digits or dashes; or leave it empty for a random one.',
      kind: 'Choose what the voucher gives.',
      maxUses: 'Uses is a whole number from 1 to 10,000.',
    }[key]!;
  }
  const tickets = event.tickets ?? [];
  const currency = tickets[0]?.currency ?? 'EUR';
  const type = values.ticketType ? tickets.find((t) => t.id === values.ticketType) : undefined;
  if (values.ticketType && !type) fields.ticketType = 'Choose one of the event’s ticket types.';
  let value: number | null = null;
  const kind = base.success ? base.data.kind : undefined;
  if (kind === 'percent') {
    const n = Number(values.percent);
    if (!/^\d{1,3}$/.test(values.percent ?? '') || n < 1 || n > 100) fields.percent = 'A share is 1 to 100 percent.';
    else value = n;
  } else if (kind === 'amount') {
    const minor = minorOf(values.amount ?? '', currency);
    if (minor === undefined)
      fields.amount = `An amount in ${currency} above 0, with at most ${currencyExponent(currency)} digits after the point.`;
    else value = minor;
  } else if (kind === 'unlock') {
    if (!type) fields.ticketType = 'Choose the hidden ticket type it unlocks.';
    else if (!type.hidden) fields.ticketType = `“${type.name}” is on sale to everyone; choose a hidden type to unlock.`;
  }
  let validUntil: string | null = null;
  if (values.validUntil) {
    const local = parseLocal(normaliseLocal(values.validUntil)) ? normaliseLocal(values.validUntil) : undefined;
    const at = local ? localToUtc(local, event.timeZone) : undefined;
    if (!at) fields.validUntil = 'A date and time, like 2027-04-30 23:59.';
    else if (at.getTime() <= now.getTime()) fields.validUntil = 'That moment has passed; choose a later one.';
    else validUntil = at.toISOString();
  }
  if (tickets.length === 0) fields.kind = 'This event has no tickets to sell, so a voucher would do nothing.';
  if (Object.keys(fields).length > 0 || !base.success) {
    const invalid: Invalid = {
      ok: false,
      problem: {
        code: 'validation_failed',
        message: 'The voucher was not made: see the fields marked below.',
        fields: Object.entries(fields).map(([field, message]) => ({ field, message })),
      },
      fields,
      values,
    };
    return invalid;
  }
  return {
    ok: true as const,
    values,
    value: {
      code: base.data.code.toUpperCase() || undefined,
      kind: base.data.kind,
      value,
      ticketType: type?.id ?? null,
      maxUses: base.data.maxUses,
      validUntil,
    },
  };
}

export type VoucherInput = Extract<ReturnType<typeof readVoucherInput>, { ok: true }>['value'];

/** "20% off", "CA$10.00 off Standard", "unlocks Speaker". */
export function describeVoucher(
  event: CatalogueEvent,
  v: { kind: string; value: number | null; ticketType: string | null },
): string {
  const tickets = event.tickets ?? [];
  const name = tickets.find((t) => t.id === v.ticketType)?.name ?? v.ticketType;
  if (v.kind === 'unlock') return `unlocks ${name}`;
  const off =
    v.kind === 'percent' ? `${v.value}% off` : `${formatMoney(v.value ?? 0, tickets[0]?.currency ?? 'EUR')} off`;
  return name ? `${off} ${name}` : off;
}

/**
 * Makes the voucher; its code (chosen or made here) is in the answer and nowhere else. A chosen
 * code the event already has is refused; a made one that collides (about never) is made again.
 */
export async function createVoucher(s: Services, event: CatalogueEvent, by: string, input: VoucherInput) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = input.code ?? newVoucherCode();
    const now = s.now.toISOString();
    const row = {
      eventId: event.id,
      codeHash: await voucherCodeHash(code),
      hint: code.slice(-4),
      kind: input.kind,
      value: input.value,
      ticketType: input.ticketType,
      maxUses: input.maxUses,
      validUntil: input.validUntil,
      createdBy: by,
      createdAt: now,
    };
    const audit = {
      actor: by,
      action: 'voucher.create',
      eventId: event.id,
      at: now,
      detail: { hint: row.hint, kind: row.kind, value: row.value, ticketType: row.ticketType, maxUses: row.maxUses },
    };
    const id = await insertVoucher(s.db, row, audit);
    if (id !== undefined) return { ok: true as const, code, id };
    if (input.code)
      return {
        ok: false as const,
        problem: { code: 'conflict', message: 'This event has a voucher with that code already; choose another.' },
      };
  }
  return { ok: false as const, problem: { code: 'conflict', message: 'No free code was found; try again.' } };
}

/** The event's vouchers as the console lists them, newest first. */
export async function voucherList(s: Services, event: CatalogueEvent) {
  const rows: VoucherRecord[] = await vouchersOfEvent(s.db, event.id);
  const now = s.now.getTime();
  const when = (iso: string) => formatInstant(iso, event.timeZone, event.city);
  return rows.map((v) => ({
    id: v.id,
    hint: v.hint,
    what: describeVoucher(event, v),
    uses: v.uses,
    maxUses: v.maxUses,
    validUntil: v.validUntil ? when(v.validUntil) : 'until sales close',
    createdBy: v.createdBy,
    ended: v.disabledAt
      ? `disabled ${when(v.disabledAt)}`
      : v.validUntil && Date.parse(v.validUntil) <= now
        ? 'expired'
        : v.uses >= v.maxUses
          ? 'used up'
          : null,
  }));
}

export async function disableEventVoucher(s: Services, event: CatalogueEvent, id: number, by: string) {
  const now = s.now.toISOString();
  return disableVoucher(s.db, event.id, id, now, {
    actor: by,
    action: 'voucher.disable',
    eventId: event.id,
    at: now,
    detail: { voucherId: id },
  });
}
