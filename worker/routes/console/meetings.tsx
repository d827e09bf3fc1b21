// The 1:1 meetings page: the stored schedule's figures, and the scheduler that runs in the
// organiser's browser against the organiser API's plan (GET …/meetings/plan, PUT …/meetings).
import { Hono } from 'hono';
import { formatShortDay, formatTime } from '../../../model/time-format.ts';
import { MeetingsPage } from '../../../ui/console/meetings-page.tsx';
import { can, eventFromParam } from '../../access/middleware.ts';
import { organiserMay } from '../../access/rules.ts';
import { meetingParticipants, meetingsOfEvent } from '../../db/matching.ts';
import type { AppEnv } from '../../env.ts';
import { scheduleFigures } from '../../matching/figures.ts';
import { futureSlots } from '../../matching/slots.ts';
import { consoleContext } from './context.ts';
import { EVENT } from './events.tsx';

export const consoleMeetings = new Hono<AppEnv>().get(
  `/console/events/${EVENT}/meetings`,
  can('meetings.read'),
  eventFromParam(),
  async (c) => {
    const event = c.var.event;
    const db = c.var.db;
    const [rows, participants] = await Promise.all([meetingsOfEvent(db, event.id), meetingParticipants(db, event.id)]);
    const f = scheduleFigures(
      participants.map((p) => p.registrationId),
      rows,
    );
    const open = new Set(futureSlots(event, c.var.now));
    const perSlot = new Map<number, number>();
    for (const m of rows) perSlot.set(m.slotIndex, (perSlot.get(m.slotIndex) ?? 0) + 1);
    return c.html(
      <MeetingsPage
        ctx={await consoleContext(c)}
        event={{ id: event.id, title: event.title }}
        figures={{
          participants: f.participants,
          meetings: f.meetings,
          meetingsPerPerson: f.meetingsPerPerson,
          scores: f.scores,
          unmatched: f.unmatched.length,
        }}
        slots={event.networkingSlots.map((s, i) => ({
          number: i + 1,
          when: `${formatShortDay(s.start)}, ${formatTime(s.start)}–${formatTime(s.end)}`,
          tables: s.tables,
          meetings: perSlot.get(i) ?? 0,
          started: !open.has(i),
        }))}
        maySchedule={organiserMay(c.var.organiser, 'meetings.schedule', event.id).ok}
      />,
    );
  },
);
