// The D1 schema, the one place tables are declared; drizzle-kit generates migrations/ from it.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const registrationStatuses = ['pending', 'confirmed', 'waitlisted', 'declined', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const registrations = sqliteTable(
  'registrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** Lowercased email: one active registration per person per event. */
    emailKey: text('email_key').notNull(),
    status: text('status', { enum: registrationStatuses }).notNull(),
    /** Answers to the event's questions, keyed by question id (JSON). */
    answers: text('answers', { mode: 'json' }).$type<Record<string, string | string[] | boolean>>().notNull(),
    ticketCode: text('ticket_code').notNull(),
    /** SHA-256 of the secret in the manage link; the secret itself is never stored. */
    manageTokenHash: text('manage_token_hash').notNull(),
    consentAt: text('consent_at').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** Orders the waitlist: set each time the registration joins it. */
    waitlistedAt: text('waitlisted_at'),
    decidedAt: text('decided_at'),
    decisionMessage: text('decision_message'),
    checkedInAt: text('checked_in_at'),
  },
  (t) => [
    uniqueIndex('registrations_active_email').on(t.eventId, t.emailKey).where(sql`status <> 'cancelled'`),
    uniqueIndex('registrations_ticket_code').on(t.ticketCode),
    uniqueIndex('registrations_manage_token').on(t.manageTokenHash),
    index('registrations_event_status').on(t.eventId, t.status, t.waitlistedAt, t.id),
    index('registrations_event_updated').on(t.eventId, t.updatedAt, t.id),
    // A person's agenda spans events: their feed looks them up by email.
    index('registrations_email').on(t.emailKey),
  ],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** Hash of the request body: the same key with another body is refused. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

export const messageKinds = [
  'received',
  'confirmed',
  'waitlisted',
  'promoted',
  'accepted',
  'declined',
  'cancelled',
  'manage-link',
  'intro-request',
  'intro-accepted',
] as const;
export type MessageKind = (typeof messageKinds)[number];

/** Messages to people, written in the same transaction as the change they announce. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    registrationId: integer('registration_id').notNull(),
    eventId: text('event_id').notNull(),
    kind: text('kind', { enum: messageKinds }).notNull(),
    toAddress: text('to_address').notNull(),
    toName: text('to_name').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Whether the event's .ics goes with the message. */
    attachCalendar: integer('attach_calendar', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt), index('outbox_registration').on(t.registrationId)],
);

export const deliveryAttempts = sqliteTable(
  'delivery_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: integer('message_id').notNull(),
    attemptedAt: text('attempted_at').notNull(),
    sender: text('sender').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    error: text('error'),
  },
  (t) => [index('delivery_attempts_message').on(t.messageId)],
);

export const tokenRoles = ['viewer', 'manager', 'check-in'] as const;
export type TokenRole = (typeof tokenRoles)[number];

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** SHA-256 of the token; the token is shown once at creation and never stored. */
    tokenHash: text('token_hash').notNull(),
    role: text('role', { enum: tokenRoles }).notNull(),
    /** Event ids the token may act on; null means every event. */
    eventIds: text('event_ids', { mode: 'json' }).$type<string[] | null>(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** The name of the token that acted. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    eventId: text('event_id'),
    registrationId: integer('registration_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_event').on(t.eventId, t.id)],
);

/**
 * Links to a person's manage page. Each message mints its own link at delivery, so every link a
 * person received keeps working and no secret is ever stored in clear.
 */
export const manageLinks = sqliteTable(
  'manage_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    registrationId: integer('registration_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('manage_links_token').on(t.tokenHash), index('manage_links_registration').on(t.registrationId)],
);

/** Sessions a registered person starred; they appear in the person's calendar feed. */
export const sessionStars = sqliteTable(
  'session_stars',
  {
    registrationId: integer('registration_id').notNull(),
    sessionId: text('session_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.sessionId] })],
);

/**
 * A person's calendar feed link, one per email address across events. Only the hash of the secret
 * in the URL is kept; resetting replaces it, and the old URL then answers 404.
 */
export const personalCalendars = sqliteTable(
  'personal_calendars',
  {
    emailKey: text('email_key').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('personal_calendars_token').on(t.tokenHash)],
);

/** A person's matching profile at one event; it exists only while they opt in. */
export const profiles = sqliteTable(
  'profiles',
  {
    registrationId: integer('registration_id').primaryKey(),
    eventId: text('event_id').notNull(),
    emailKey: text('email_key').notNull(),
    displayName: text('display_name').notNull(),
    bio: text('bio'),
    city: text('city'),
    /** Tag ids from the vocabulary, or "~free text". */
    offers: text('offers', { mode: 'json' }).$type<string[]>().notNull(),
    seeks: text('seeks', { mode: 'json' }).$type<string[]>().notNull(),
    interests: text('interests', { mode: 'json' }).$type<string[]>().notNull(),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
    visibility: text('visibility', { enum: ['event', 'network'] }).notNull(),
    /** Wants 1:1 meetings in the event's networking slots. */
    available: integer('available', { mode: 'boolean' }).notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('profiles_event').on(t.eventId),
    index('profiles_visibility').on(t.visibility),
    index('profiles_email').on(t.emailKey),
  ],
);

export const introStatuses = ['pending', 'accepted', 'declined'] as const;

/** A asks to meet B; contact details are shown to both only once B accepts. */
export const introductions = sqliteTable(
  'introductions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fromRegistration: integer('from_registration').notNull(),
    toRegistration: integer('to_registration').notNull(),
    fromPerson: text('from_person').notNull(),
    toPerson: text('to_person').notNull(),
    /** The asker's note, for the other person only; organisers never see it. */
    note: text('note'),
    status: text('status', { enum: introStatuses }).notNull(),
    createdAt: text('created_at').notNull(),
    decidedAt: text('decided_at'),
  },
  (t) => [
    uniqueIndex('introductions_pair').on(t.fromPerson, t.toPerson),
    index('introductions_to').on(t.toRegistration),
    index('introductions_from').on(t.fromRegistration, t.createdAt),
  ],
);

/** Scheduled 1:1 meetings in an event's networking slots. */
export const meetings = sqliteTable(
  'meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    slotIndex: integer('slot_index').notNull(),
    tableNumber: integer('table_number').notNull(),
    registrationA: integer('registration_a').notNull(),
    registrationB: integer('registration_b').notNull(),
    score: real('score').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('meetings_event_slot').on(t.eventId, t.slotIndex),
    index('meetings_a').on(t.registrationA),
    index('meetings_b').on(t.registrationB),
  ],
);
