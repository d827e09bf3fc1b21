// What organisers do to registrations beyond the lifecycle's basic moves: undo a decline, move
// someone in the waitlist, send a fresh manage link, decide many applications at once. Used by the
// organiser API and the console alike; refusals come back as problems (values).
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { AuditEntry } from '../db/audit.ts';
import { approveMany, type BulkOutcome, declineMany } from '../db/bulk-decisions.ts';
import {
  findRegistration,
  moveInWaitlist,
  type Registration,
  resendManageLink,
  undeclineApplication,
  type WaitlistMove,
} from '../db/registrations.ts';
import type { Problem } from '../http/problems.ts';
import { allows, eventCancelledRefusal, isActive } from './lifecycle.ts';
import { type ChangeResult, deliver, type Services } from './service.ts';

const reload = async (s: Services, r: Registration) => (await findRegistration(s.db, r.eventId, r.id)) ?? r;

export async function undecline(
  s: Services,
  event: CatalogueEvent,
  r: Registration,
  audit: AuditEntry,
): Promise<ChangeResult> {
  const stopped = eventCancelledRefusal(event, 'no decline can be undone');
  if (stopped) return { ok: false, problem: stopped };
  if (!allows('undecline', r.status))
    return {
      ok: false,
      problem: { code: 'not_declined', message: `Registration ${r.id} is ${r.status}; only a decline can be undone.` },
    };
  const change = await undeclineApplication(s.db, event, r, s.now.toISOString(), audit);
  if (!change.changed)
    return {
      ok: false,
      problem: { code: 'event_full', message: `${event.title} has no free place left, so the decline stays.` },
    };
  deliver(s);
  return { ok: true, registration: await reload(s, r) };
}

export async function moveInLine(
  s: Services,
  r: Registration,
  move: WaitlistMove,
  audit: AuditEntry,
): Promise<ChangeResult> {
  if (r.status !== 'waitlisted')
    return {
      ok: false,
      problem: { code: 'not_waitlisted', message: `Registration ${r.id} is ${r.status}, not on the waitlist.` },
    };
  const moved = await moveInWaitlist(s.db, r.eventId, r.id, move, s.now.toISOString(), audit);
  if (!moved && move !== 'first')
    return {
      ok: false,
      problem: {
        code: 'conflict',
        message: `Registration ${r.id} is already ${move === 'up' ? 'first' : 'last'} in the waitlist.`,
      },
    };
  return { ok: true, registration: await reload(s, r) };
}

/** Sends the person a message with a fresh link to their manage page (the old links keep working). */
export async function resendLink(
  s: Services,
  event: CatalogueEvent,
  r: Registration,
  audit: AuditEntry,
): Promise<ChangeResult> {
  if (!isActive(r.status) && r.status !== 'declined')
    return {
      ok: false,
      problem: { code: 'not_cancellable', message: `Registration ${r.id} is ${r.status}; there is nothing to manage.` },
    };
  await resendManageLink(s.db, event, r.id, s.now.toISOString(), audit);
  deliver(s);
  return { ok: true, registration: r };
}

/** At most this many applications are decided in one request. */
export const BULK_LIMIT = 200;

export type BulkResult = { ok: true; outcome: BulkOutcome } | { ok: false; problem: Problem };

export async function decideMany(
  s: Services,
  event: CatalogueEvent,
  ids: number[],
  action: 'approve' | 'decline',
  note: string | null,
  actor: string,
): Promise<BulkResult> {
  const stopped = eventCancelledRefusal(
    event,
    `applications cannot be ${action === 'approve' ? 'approved' : 'declined'}`,
  );
  if (stopped) return { ok: false, problem: stopped };
  if (ids.length === 0)
    return { ok: false, problem: { code: 'validation_failed', message: 'Choose at least one application.' } };
  if (ids.length > BULK_LIMIT)
    return {
      ok: false,
      problem: { code: 'validation_failed', message: `Decide at most ${BULK_LIMIT} applications at once.` },
    };
  const by = { actor, at: s.now.toISOString(), note };
  const outcome = await (action === 'approve' ? approveMany : declineMany)(s.db, event, ids, by);
  deliver(s);
  return { ok: true, outcome };
}

/** Whether a bulk action would change this registration, for the preview. */
export const bulkAffects = (action: 'approve' | 'decline', r: Registration) => allows(action, r.status);
