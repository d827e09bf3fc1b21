// The 1:1 scheduler's work as data that travels. Scheduling a thousand people takes more CPU than a
// request may use on the free plan, so the worker hands out an event's plan (who takes part, what
// they offer and seek, the slots, the pairs that met or declined) and whoever runs the scheduler (the
// `npm run schedule` command, or the organiser's browser) sends the meetings back; the worker
// checks them against the plan as it stands then (validateSchedule) before storing them. Pure.
import { z } from 'zod';

const id = z.number().int().positive();
const tags = z.array(z.string().max(100)).max(50);

export const planSchema = z.object({
  eventId: z.string(),
  /** Changes whenever anything below does: a result made from another plan is refused as stale. */
  fingerprint: z.string(),
  slots: z.array(z.object({ index: z.number().int().min(0), tables: z.number().int().min(1) })),
  /** People by registration: no names or addresses, only what the score reads. */
  participants: z.array(
    z.object({
      id,
      /** The person behind the registration: nobody meets themselves. */
      key: z.string(),
      city: z.string().nullable(),
      offers: tags,
      seeks: tags,
      interests: tags,
      languages: tags,
    }),
  ),
  alreadyMet: z.array(z.tuple([id, id])),
  declined: z.array(z.tuple([id, id])),
  /** Times each person sat out in slots that have started. */
  sitOuts: z.array(z.tuple([id, z.number().int().min(0)])),
});
export type SchedulePlan = z.infer<typeof planSchema>;

/** The most meetings a schedule may hold: every table of 100 slots. */
export const MAX_MEETINGS = 50_000;

export const scheduleResultSchema = z.object({
  fingerprint: z.string().max(200),
  meetings: z
    .array(
      z.object({
        slot: z.number().int().min(0),
        table: z.number().int().min(1),
        a: id,
        b: id,
        score: z.number().min(0).max(10_000),
      }),
    )
    .max(MAX_MEETINGS),
});
export type ScheduleResult = z.infer<typeof scheduleResultSchema>;

// Running the scheduler on a plan lives apart from these schemas, so the browser's bundle of it
// carries no validation library; it is re-exported here for everyone else.
export { planMeetings, scheduleInputOf } from './plan-meetings.ts';
