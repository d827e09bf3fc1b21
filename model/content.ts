// The content model: one zod schema per kind of entry in content/, shared by the site build,
// the catalogue builder and the worker. Types are inferred from these schemas.
import { z } from 'zod';
import { checkTickets, refundPolicySchema, ticketTypeSchema } from './tickets.ts';
import { isTimeZone, normaliseLocal, parseLocal } from './time.ts';

/** A slug that names an entry: lowercase letters, digits and hyphens, "/" between folders. */
export const entryIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;
export const entryId = z.string().regex(entryIdPattern, {
  message: 'expected an entry id like "ada-lovelace" (lowercase letters, digits and hyphens)',
});

/** A wall-clock date-time without offset, quoted in YAML: "2026-12-10T18:30". */
export const localDateTime = z
  .string({ message: 'expected a quoted local date-time like "2026-12-10T18:30"' })
  .refine((v) => parseLocal(v) !== undefined, {
    message: 'expected a real local date-time like "2026-12-10T18:30" (quoted, no offset)',
  })
  .transform(normaliseLocal);

/** An IANA time zone name, such as "America/Toronto". */
export const timeZone = z.string().refine(isTimeZone, {
  message: 'expected an IANA time zone such as "America/Toronto" or "Europe/Lisbon"',
});

export const coordinates = z.object({
  /** Latitude in decimal degrees. */
  lat: z.number().min(-90).max(90),
  /** Longitude in decimal degrees. */
  lng: z.number().min(-180).max(180),
});

const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });

export const questionTypes = ['text', 'textarea', 'select', 'multiselect', 'checkbox', 'email', 'url'] as const;

export const questionSchema = z
  .object({
    /** Stable id of the question; answers are stored under it, so never reuse one for another meaning. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'expected a short id of lowercase letters, digits, "-" or "_"' }),
    /** The label shown next to the field. */
    label: z.string().min(1).max(200),
    /** How the answer is asked and checked. */
    type: z.enum(questionTypes),
    /** The choices of a select or multiselect question. */
    options: z.array(z.string().min(1).max(100)).optional(),
    /** Whether the form refuses a registration without an answer. */
    required: z.boolean().default(false),
    /** A hint shown under the field. */
    help: z.string().max(300).optional(),
  })
  .superRefine((q, ctx) => {
    const needsOptions = q.type === 'select' || q.type === 'multiselect';
    if (needsOptions && (!q.options || q.options.length === 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `expected a list of options for a ${q.type} question`,
      });
    }
    if (!needsOptions && q.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `expected no options for a ${q.type} question` });
    }
  });

export const registrationModes = ['open', 'application', 'closed', 'external'] as const;

export const registrationSchema = z
  .object({
    /**
     * open: first come, first served; application: an organiser decides; closed: no registration;
     * external: another site.
     */
    mode: z.enum(registrationModes).default('open'),
    /** Where people register when mode is external. */
    url: httpUrl.optional(),
    /** When registration opens, in the event's zone; open from publication when absent. */
    opens: localDateTime.optional(),
    /** When registration closes, in the event's zone; at the event's start when absent. */
    closes: localDateTime.optional(),
    /** Whether people may join a waitlist once the event is full. */
    waitlist: z.boolean().default(true),
    /** Extra questions asked on the form. */
    questions: z.array(questionSchema).default([]),
    /** Paid events: how many days a payment link holds an accepted or promoted person's place (3 when absent). */
    paymentDays: z.number().int().min(1).max(30).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.mode === 'external' && !r.url)
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'expected the URL where people register, since mode is external',
      });
    if (r.opens && r.closes && r.opens >= r.closes)
      ctx.addIssue({ code: 'custom', path: ['closes'], message: `expected closes to be after opens (${r.opens})` });
    const seen = new Set<string>();
    r.questions.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'id'],
          message: `expected a unique question id, but "${q.id}" is used twice`,
        });
      seen.add(q.id);
    });
  });

export const venueSchema = z.union(
  [
    z.object({
      /** The id of a space in content/spaces that hosts the event. */
      space: entryId,
      /** A room or floor inside the space. */
      room: z.string().max(100).optional(),
      /** What sessions call this venue (`venue: <id>`); the space's id when absent. */
      id: entryId.optional(),
    }),
    z.object({
      name: z.string().min(1).max(200),
      address: z.string().min(1).max(300),
      coordinates: coordinates.optional(),
      /** A room or floor inside the place. */
      room: z.string().max(100).optional(),
      /** What sessions call this venue (`venue: <id>`); the name as a slug when absent. */
      id: entryId.optional(),
    }),
  ],
  { message: 'expected a venue: either { space: <space id> } or { name, address, coordinates }' },
);

const venueChoice = (one: unknown) =>
  one
    ? 'expected either venue (one place) or venues (several), not both'
    : 'expected where the event happens: venue: { space: <space id> } for one place, or venues: [...] for several';

export const networkingSlotSchema = z
  .object({
    /** When the slot starts, in the event's zone. */
    start: localDateTime,
    /** When the slot ends, in the event's zone. */
    end: localDateTime,
    /** How many tables (pairs) the room holds at once. */
    tables: z.number().int().min(1).max(1000),
  })
  .refine((s) => s.start < s.end, { path: ['end'], message: 'expected the slot to end after it starts' });

export const eventKinds = ['conference', 'camp', 'meetup', 'unconference', 'workshop'] as const;
export const eventStatuses = ['scheduled', 'cancelled', 'postponed'] as const;

export const eventSchema = z
  .object({
    /** The event's name as shown everywhere. */
    title: z.string().min(1).max(150),
    /** One or two sentences for lists, feeds and link previews. */
    summary: z.string().min(1).max(300),
    /** What sort of gathering this is; there is a page per kind. */
    kind: z.enum(eventKinds),
    /** Whether the event goes ahead; cancelled and postponed events keep their pages with a banner. */
    status: z.enum(eventStatuses).default('scheduled'),
    /** Why it is cancelled, in plain text: shown on its page and manage pages, and sent to everyone registered. */
    cancellation: z.string().min(1).max(1000).optional(),
    /** false: deploy programme changes without the automatic digest to registered people. */
    notifyChanges: z.boolean().default(true),
    /** Start as a local date-time in the event's zone. */
    start: localDateTime,
    /** End as a local date-time in the event's zone. */
    end: localDateTime,
    /** The IANA zone the event happens in; every time of the event is read in it. */
    timeZone,
    /** City the event happens in; there is a page per city. */
    city: z.string().min(1).max(100),
    /** Country the event happens in. */
    country: z.string().min(1).max(100),
    /** Where it happens, when that is one place. */
    venue: venueSchema.optional(),
    /** Where it happens, when that is several places (spaces or addresses); sessions name theirs, the first by default. */
    venues: z.array(venueSchema).min(1).max(50).optional(),
    /** Ids of the people hosting the event. */
    hosts: z.array(entryId).default([]),
    /** Free tags, lowercase. */
    tags: z.array(z.string().min(1).max(40)).default([]),
    /** A picture for the page and link previews. */
    image: z.object({ src: z.string().min(1), alt: z.string().min(1).max(300) }).optional(),
    /** How many confirmed places there are; unlimited when absent. */
    capacity: z.number().int().min(1).max(100000).optional(),
    /** How people register. */
    registration: registrationSchema.default({ mode: 'open', waitlist: true, questions: [] }),
    /** Time slots for 1:1 networking meetings. */
    networking: z.object({ slots: z.array(networkingSlotSchema).default([]) }).default({ slots: [] }),
    /** Ticket types (model/tickets.ts); an event without them is free. */
    tickets: z.array(ticketTypeSchema).min(1).max(20).optional(),
    /** Refunds when a person cancels a paid ticket (model/tickets.ts). */
    refundPolicy: refundPolicySchema.optional(),
  })
  .superRefine((e, ctx) => {
    checkTickets(e, ctx);
    if (e.start >= e.end)
      ctx.addIssue({ code: 'custom', path: ['end'], message: `expected end to be after start (${e.start})` });
    if (!e.venue === !e.venues) ctx.addIssue({ code: 'custom', path: ['venue'], message: venueChoice(e.venue) });
    if (e.registration.closes && e.registration.closes > e.end) {
      ctx.addIssue({
        code: 'custom',
        path: ['registration', 'closes'],
        message: `expected registration to close before the event ends (${e.end})`,
      });
    }
    e.networking.slots.forEach((s, i) => {
      if (s.start < e.start || s.end > e.end) {
        ctx.addIssue({
          code: 'custom',
          path: ['networking', 'slots', i],
          message: `expected the slot to fall within the event (${e.start} to ${e.end})`,
        });
      }
    });
  });

export const sessionKinds = ['talk', 'workshop', 'panel', 'social', 'meal', 'open-space', 'keynote'] as const;

export const sessionSchema = z
  .object({
    /** The id of the event this session belongs to. */
    event: entryId,
    /** The session's title. */
    title: z.string().min(1).max(200),
    /** Start, local to the event's zone. */
    start: localDateTime,
    /** End, local to the event's zone. */
    end: localDateTime,
    /** Room or stage. */
    room: z.string().max(100).optional(),
    /** The id of the event's venue it happens at (see the event's `venues`); the event's first when absent. */
    venue: entryId.optional(),
    /** Track, for multi-track programmes. */
    track: z.string().max(100).optional(),
    /** What sort of session it is. */
    kind: z.enum(sessionKinds).default('talk'),
    /** Ids of the people speaking. */
    speakers: z.array(entryId).default([]),
    /** Whether it still takes place. */
    status: z.enum(['scheduled', 'cancelled']).default('scheduled'),
  })
  .refine((s) => s.start < s.end, { path: ['end'], message: 'expected end to be after start' });

export const personSchema = z.object({
  /** Name as the person wants it shown. */
  name: z.string().min(1).max(100),
  /** Pronouns, if the person wants them shown. */
  pronouns: z.string().max(30).optional(),
  /** City the person is based in. */
  city: z.string().max(100).optional(),
  /** Links the person chose to share. */
  links: z.array(z.object({ label: z.string().min(1).max(50), url: httpUrl })).default([]),
  /** Portrait: a path under site/public or an http(s) URL. */
  avatar: z
    .string()
    .regex(/^(\/|https?:\/\/)/, {
      message: 'expected a path under site/public such as "/images/ada.jpg", or an http(s) URL',
    })
    .optional(),
  /** Ids of the spaces in content/spaces the person belongs to. */
  spaces: z.array(entryId).default([]),
});

export const spaceSchema = z.object({
  /** The space's name. */
  name: z.string().min(1).max(150),
  city: z.string().min(1).max(100),
  country: z.string().min(1).max(100),
  /** Street address, one line. */
  address: z.string().min(1).max(300),
  coordinates,
  /** The space's own website. */
  website: httpUrl.optional(),
});

export type EventData = z.output<typeof eventSchema>;
export type SessionData = z.output<typeof sessionSchema>;
export type PersonData = z.output<typeof personSchema>;
export type SpaceData = z.output<typeof spaceSchema>;
export type Question = z.output<typeof questionSchema>;
export type Venue = z.output<typeof venueSchema>;
export type EventKind = (typeof eventKinds)[number];
