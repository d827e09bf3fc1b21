// Organisers schedule 1:1 meetings (the scheduler runs outside the worker, from the plan given
// here; see matching/plan.ts) and read the schedule with aggregate figures. Never the notes people
// wrote to each other.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can, eventFromParam, whileEventOn } from '../../access/middleware.ts';
import { record } from '../../db/audit.ts';
import { meetingParticipants, meetingsOfEvent } from '../../db/matching.ts';
import type { AppEnv } from '../../env.ts';
import { limitBody } from '../../http/body.ts';
import { problemResponses } from '../../http/openapi.ts';
import { fail } from '../../http/problems.ts';
import { scheduleFigures } from '../../matching/figures.ts';
import { MAX_MEETINGS, planSchema, scheduleResultSchema } from '../../matching/plan.ts';
import { SOMEONE_WHO_LEFT, schedulePlan, storeSchedule } from '../../matching/service.ts';
import { auditBy, eventParam, security } from './shared.ts';

const person = z.object({ registrationId: z.number(), name: z.string() });

const scheduleView = z.object({
  slots: z.array(
    z.object({
      index: z.number(),
      start: z.string(),
      end: z.string(),
      tables: z.number(),
      meetings: z.array(z.object({ table: z.number(), a: person, b: person, score: z.number() })),
    }),
  ),
  figures: z.object({
    participants: z.number(),
    meetings: z.number(),
    meetingsPerPerson: z.object({ min: z.number(), median: z.number(), max: z.number() }),
    scores: z.object({ min: z.number(), median: z.number(), max: z.number(), total: z.number() }),
    unmatched: z.array(person).openapi({ description: 'Participants without any meeting' }),
  }),
});

export const adminMeetings = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}/meetings/plan',
      operationId: 'getMeetingPlan',
      summary: 'What the 1:1 scheduler needs, to run it elsewhere (npm run schedule, the console)',
      description:
        'Who takes part (by registration, with what the score reads: no names or addresses), the slots that ' +
        'have not started, and the pairs that met or declined. Send the meetings back with PUT …/meetings.',
      tags: ['Organisers'],
      security,
      middleware: [can('meetings.schedule'), eventFromParam(), whileEventOn('meetings cannot be scheduled')] as const,
      request: { params: eventParam },
      responses: {
        200: { description: 'The plan', content: { 'application/json': { schema: planSchema } } },
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { eventId } = c.req.valid('param');
      const db = c.var.db;
      const plan = await schedulePlan(db, c.var.event, c.var.now);
      await record(db, auditBy(c, 'meetings.plan', { eventId, detail: { participants: plan.participants.length } }));
      c.header('cache-control', 'private, no-store');
      return c.json(plan, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/events/{eventId}/meetings',
      operationId: 'storeMeetings',
      summary: 'Store 1:1 meetings computed from the plan, for the slots that have not started',
      description:
        'The meetings are checked against the plan as it stands now: everyone takes part, tables exist and ' +
        'are free, nobody is booked twice in a slot, no pair repeats or declined, every score is the ' +
        "pair's. A result made from an older plan (someone opted in or out since) is refused as stale.",
      tags: ['Organisers'],
      security,
      middleware: [
        limitBody(MAX_MEETINGS * 80),
        can('meetings.schedule'),
        eventFromParam(),
        whileEventOn('meetings cannot be scheduled'),
      ] as const,
      request: {
        params: eventParam,
        body: { required: true, content: { 'application/json': { schema: scheduleResultSchema } } },
      },
      responses: {
        200: {
          description: 'What was stored',
          content: {
            'application/json': {
              schema: z.object({ slotsScheduled: z.array(z.number()), participants: z.number(), meetings: z.number() }),
            },
          },
        },
        ...problemResponses(400, 401, 403, 404, 409, 413, 422),
      },
    }),
    async (c) => {
      const { eventId } = c.req.valid('param');
      const db = c.var.db;
      const stored = await storeSchedule(db, c.var.event, c.var.now, c.req.valid('json'));
      if (!stored.ok && stored.code === 'schedule_stale')
        return fail(
          'schedule_stale',
          'People opted in or out, or slots started, since the plan was fetched: fetch the plan and run the ' +
            'scheduler again.',
        );
      if (!stored.ok)
        return fail('schedule_invalid', `${stored.problems.length} meeting(s) break the rules; nothing was stored.`, {
          problems: stored.problems.slice(0, 50),
        });
      const { ok: _ok, ...result } = stored;
      await record(db, auditBy(c, 'meetings.schedule', { eventId, detail: result }));
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}/meetings',
      operationId: 'getMeetings',
      summary: 'The 1:1 schedule and aggregate figures',
      tags: ['Organisers'],
      security,
      middleware: [can('meetings.read'), eventFromParam()] as const,
      request: { params: eventParam },
      responses: {
        200: { description: 'The schedule', content: { 'application/json': { schema: scheduleView } } },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { eventId } = c.req.valid('param');
      const event = c.var.event;
      const db = c.var.db;
      const [rows, participants] = await Promise.all([meetingsOfEvent(db, eventId), meetingParticipants(db, eventId)]);
      const names = new Map(participants.map((p) => [p.registrationId, p.displayName]));
      const who = (id: number) => ({ registrationId: id, name: names.get(id) ?? SOMEONE_WHO_LEFT });
      const figures = scheduleFigures(
        participants.map((p) => p.registrationId),
        rows,
      );
      c.header('cache-control', 'private, no-store');
      return c.json(
        {
          slots: event.networkingSlots.map((s, index) => ({
            index,
            start: s.start,
            end: s.end,
            tables: s.tables,
            meetings: rows
              .filter((m) => m.slotIndex === index)
              .sort((a, b) => a.tableNumber - b.tableNumber)
              .map((m) => ({ table: m.tableNumber, a: who(m.registrationA), b: who(m.registrationB), score: m.score })),
          })),
          figures: { ...figures, unmatched: figures.unmatched.map(who) },
        },
        200,
      );
    },
  );
