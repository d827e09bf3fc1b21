// The events an organiser sees in the console: those their role is scoped to, or the public list
// of upcoming and recent events (a page at a time) for a role over every event, with counts.
import type { EventSummary } from '../../model/catalogue.ts';
import type { Organiser } from '../access/rules.ts';
import { countsOfEvents, type StatusCounts } from '../db/registrations.ts';
import type { Services } from '../registrations/service.ts';

export type ConsoleEvent = EventSummary & { counts: StatusCounts };

/** At most this many scoped events are read for one page; more are reached by their id. */
const SCOPED_PAGE = 50;

export async function eventsInScope(
  s: Pick<Services, 'db' | 'content'>,
  who: Organiser,
  page: number,
): Promise<{ events: ConsoleEvent[]; page: number; pages: number } | undefined> {
  let summaries: EventSummary[];
  let pages: number;
  if (who.eventIds) {
    pages = Math.max(1, Math.ceil(who.eventIds.length / SCOPED_PAGE));
    if (page > pages) return undefined;
    const ids = who.eventIds.slice((page - 1) * SCOPED_PAGE, page * SCOPED_PAGE);
    summaries = (await Promise.all(ids.map((id) => s.content.event(id)))).filter((e) => e !== undefined);
  } else {
    const list = await s.content.eventsPage(page);
    if (!list) return page === 1 ? { events: [], page: 1, pages: 1 } : undefined;
    summaries = list.events;
    pages = list.pages;
  }
  const counts = await countsOfEvents(
    s.db,
    summaries.map((e) => e.id),
  );
  const events = summaries.map((e) => ({ ...e, counts: counts.get(e.id)! }));
  return { events, page, pages };
}
