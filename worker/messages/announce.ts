// The cron's announcements: after a deploy, each event whose programme changed (the build's list,
// model/programme.ts) is announced exactly once: its registrations move if it was cancelled or set
// on again, and people get one message (cancelled, back on, postponed, new date, or a digest of the
// programme's changes). A run handles a few events and leaves the rest to the next runs, so that no
// run exceeds the free plan's limits; a list seen through costs one query a run from then on.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { ContentSource } from '../content/source.ts';
import {
  type Claim,
  cancelEventStatements,
  claimStatement,
  type DigestItem,
  digestStatement,
  dueAnnouncements,
  finishList,
  restoreEventStatements,
  tellActiveStatement,
} from '../db/announcements.ts';
import { batch, type Statement } from '../db/batch.ts';
import type { Db } from '../db/client.ts';
import { type Announcement, announcementOf } from '../registrations/event-changes.ts';
import { DELIVERIES_PER_RUN } from './delivery.ts';
import { changeText, messageFor } from './texts.ts';

/**
 * Events announced per run: each costs one batch of at most three statements, so a run makes at
 * most 17 D1 queries (one once a list is seen through); delivery, in the same invocation, takes
 * what is left of the free plan's 50 (deliveriesAfter).
 */
export const EVENTS_PER_RUN = 5;
const MOST_QUERIES = 2 + EVENTS_PER_RUN * 3;

/** Messages the same cron run may still deliver after announcing with `queries` (three queries each). */
export const deliveriesAfter = (queries: number) =>
  Math.max(1, DELIVERIES_PER_RUN - Math.ceil(Math.min(queries, MOST_QUERIES) / 3));

export type AnnounceReport = {
  announced: { eventId: string; sequence: number; kind: string }[];
  /** D1 statements this run sent. */
  queries: number;
};

function statementsFor(claim: Claim, a: Announcement): Statement[] {
  switch (a.kind) {
    case 'event-cancelled':
      return cancelEventStatements(claim);
    case 'event-restored':
      return restoreEventStatements(claim);
    case 'event-postponed':
    case 'event-rescheduled':
      return [tellActiveStatement(claim, a.kind)];
    case 'programme-changed': {
      const frame = messageFor('programme-changed', claim.event);
      const items: DigestItem[] = a.changes.map((c) => ({ session: c.session, text: changeText(c) }));
      return [digestStatement(claim, frame, items)];
    }
    default:
      return [];
  }
}

export async function announceChanges(
  ctx: { db: Db; content: ContentSource },
  o: { now: Date; limit?: number },
): Promise<AnnounceReport> {
  const report: AnnounceReport = { announced: [], queries: 0 };
  const list = await ctx.content.changes();
  if (!list || list.events.length === 0) return report;
  const limit = o.limit ?? EVENTS_PER_RUN;
  const now = o.now.toISOString();
  const due = await dueAnnouncements(ctx.db, list, limit);
  report.queries = due === 'done' ? 1 : 2;
  if (due === 'done') return report;
  // Finished only by a run that finds nothing left, so a change whose claim another run won (or
  // lost to a newer announcement) is looked at again rather than taken for done.
  if (due.length === 0) {
    await finishList(ctx.db, list.version, now);
    report.queries++;
    return report;
  }
  const token = crypto.randomUUID();
  for (const d of due) {
    const event: CatalogueEvent | undefined = await ctx.content.event(d.id);
    if (!event) continue;
    const a = announcementOf(event, d.announced, d.notify);
    const claim: Claim = { event, sequence: d.programme, announced: d.announced, kind: a.kind, token, now };
    const statements = [claimStatement(claim), ...statementsFor(claim, a)];
    const [won] = await batch(ctx.db, statements);
    report.queries += statements.length;
    if ((won?.meta.changes ?? 0) > 0) report.announced.push({ eventId: event.id, sequence: d.programme, kind: a.kind });
  }
  return report;
}
