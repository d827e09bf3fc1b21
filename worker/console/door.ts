// The door: the list a door page keeps for working offline, and the sync of what its device
// queued, each check-in with a nonce made on the device. Who may pass the door is the lifecycle's
// rule (checkInFrom), the same as the organiser API's check-in; conflicts follow model/door-rule.ts.
import { z } from 'zod';
import { deviceTime } from '../../model/door-rule.ts';
import { normaliseTicketCode } from '../../model/ticket.ts';
import { type DoorItem, doorTickets, type SyncedItem, syncCheckIns } from '../db/door.ts';
import { fieldProblems } from '../http/openapi.ts';
import type { Problem } from '../http/problems.ts';
import { checkInAllowed, doorRefusals, type RegistrationStatus } from '../registrations/lifecycle.ts';
import type { Services } from '../registrations/service.ts';

/** At most this many items in one sync: a device sends a longer queue in several. */
export const SYNC_BATCH = 100;

const isoTime = z.iso.datetime({ offset: true, message: 'A time in ISO 8601, such as 2026-12-10T18:30:00.000Z.' });

export const syncBody = z
  .object({
    items: z
      .array(
        z
          .object({
            nonce: z.uuid({ message: 'A nonce is a UUID made on the device (crypto.randomUUID()).' }),
            action: z.enum(['check-in', 'undo'], { message: 'The action is "check-in" or "undo".' }),
            ticketCode: z.string().min(1).max(40, 'A ticket code has at most 40 characters.'),
            at: isoTime,
          })
          .strict(),
      )
      .min(1, 'Send at least one item.')
      .max(SYNC_BATCH, `Send at most ${SYNC_BATCH} items at once; send the rest in another request.`),
  })
  .strict();

export type Outcome = 'checked-in' | 'undone' | 'refused' | 'wrong-event' | 'unknown';

export type SyncResult = {
  nonce: string;
  ticketCode: string;
  outcome: Outcome;
  name?: string;
  status?: RegistrationStatus;
  checkedInAt?: string | null;
  checkedInBy?: string | null;
  /** For a check-in: someone was checked in with this ticket before (this one is not the one that stands). */
  alreadyCheckedIn?: boolean;
  /** Why the door refuses this ticket, in words for the volunteer. */
  reason?: string;
};

export async function doorList(s: Pick<Services, 'db' | 'now'>, eventId: string, since?: string) {
  return { now: s.now.toISOString(), tickets: await doorTickets(s.db, eventId, since) };
}

function outcomeOf(item: DoorItem, row: SyncedItem | undefined, eventId: string, actor: string): SyncResult {
  const base = { nonce: item.nonce, ticketCode: item.code };
  if (!row?.eventId) return { ...base, outcome: 'unknown', reason: `There is no ticket ${item.code}.` };
  if (row.eventId !== eventId) return { ...base, outcome: 'wrong-event', reason: 'This ticket is for another event.' };
  const state = { name: row.name!, status: row.status!, checkedInAt: row.checkedInAt, checkedInBy: row.checkedInBy };
  if (item.action === 'undo') return { ...base, ...state, outcome: 'undone' };
  if (!checkInAllowed(row.status!))
    return { ...base, ...state, outcome: 'refused', reason: doorRefusals[row.status!] ?? `It is ${row.status}.` };
  const standing = row.checkedInAt === item.at && row.checkedInBy === actor;
  return { ...base, ...state, outcome: 'checked-in', alreadyCheckedIn: !standing };
}

export type SyncAnswer = { ok: true; now: string; results: SyncResult[] } | { ok: false; problem: Problem };

/** Records a device's queued check-ins and undos once each, and answers the state of each ticket. */
export async function syncDoor(
  s: Pick<Services, 'db' | 'now'>,
  eventId: string,
  actor: string,
  body: unknown,
): Promise<SyncAnswer> {
  const parsed = syncBody.safeParse(body);
  if (!parsed.success)
    return {
      ok: false,
      problem: {
        code: 'validation_failed',
        message: 'Some items are invalid; see errors for each one.',
        fields: fieldProblems(parsed.error.issues),
      },
    };
  const nonces = new Set(parsed.data.items.map((i) => i.nonce.toLowerCase()));
  if (nonces.size !== parsed.data.items.length)
    return {
      ok: false,
      problem: { code: 'validation_failed', message: 'Each nonce may appear once in a request.' },
    };
  const items: DoorItem[] = parsed.data.items.map((i) => ({
    nonce: i.nonce.toLowerCase(),
    action: i.action,
    code: normaliseTicketCode(i.ticketCode),
    at: deviceTime(i.at, s.now),
  }));
  const rows = await syncCheckIns(s.db, { eventId, actor, now: s.now.toISOString(), items });
  const byNonce = new Map(rows.map((r) => [r.nonce, r]));
  return {
    ok: true,
    now: s.now.toISOString(),
    results: items.map((i) => outcomeOf(i, byNonce.get(i.nonce), eventId, actor)),
  };
}
