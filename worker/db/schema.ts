// The D1 schema, the one place tables are declared; drizzle-kit generates migrations/ from it.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

import { organiserRoles } from '../access/rules.ts';
import { messageKinds } from '../messages/kinds.ts';
import { registrationStatuses } from '../registrations/lifecycle.ts';

export const registrations = sqliteTable(
  'registrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** The email as compared (model/email.ts): one active registration per address per event. */
    emailKey: text('email_key').notNull(),
    /** The person, once someone followed a link delivered to this email (it is proven). */
    personId: integer('person_id'),
    status: text('status', { enum: registrationStatuses }).notNull(),
    /** Answers to the event's questions, keyed by question id (JSON). */
    answers: text('answers', { mode: 'json' }).$type<Record<string, string | string[] | boolean>>().notNull(),
    ticketCode: text('ticket_code').notNull(),
    /** SHA-256 of the link given in the registering answer; the secret itself is never stored. */
    manageTokenHash: text('manage_token_hash').notNull(),
    consentAt: text('consent_at').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** Orders the waitlist: set each time the registration joins it. */
    waitlistedAt: text('waitlisted_at'),
    decidedAt: text('decided_at'),
    decisionMessage: text('decision_message'),
    checkedInAt: text('checked_in_at'),
    /** Who checked the person in (an organiser's name or email), shown to the next door. */
    checkedInBy: text('checked_in_by'),
    /** While the event is cancelled (status event_cancelled): the state to return to if it is set on again. */
    statusBefore: text('status_before', { enum: registrationStatuses }),
    /** Paid tickets: the order this place was bought in, its ticket type and what it cost (minor units). */
    orderId: text('order_id'),
    ticketType: text('ticket_type'),
    priceMinor: integer('price_minor'),
  },
  (t) => [
    uniqueIndex('registrations_active_email').on(t.eventId, t.emailKey).where(sql`status <> 'cancelled'`),
    uniqueIndex('registrations_ticket_code').on(t.ticketCode),
    uniqueIndex('registrations_manage_token').on(t.manageTokenHash),
    index('registrations_event_status').on(t.eventId, t.status, t.waitlistedAt, t.id),
    index('registrations_event_updated').on(t.eventId, t.updatedAt, t.id),
    index('registrations_email').on(t.emailKey),
    // A person's agenda spans events: their feed and page find their proven registrations.
    index('registrations_person').on(t.personId),
    index('registrations_order').on(t.orderId),
    index('registrations_event_ticket').on(t.eventId, t.ticketType, t.status),
  ],
);

/**
 * How many registrations of an event are in each status (and how many were checked in, as
 * 'checked_in'), kept by triggers on registrations (migrations/0005): the capacity rule and
 * availability read one row instead of counting every registration of the event.
 */
export const registrationCounts = sqliteTable(
  'registration_counts',
  {
    eventId: text('event_id').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.status] })],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** Hash of the request body: the same key with another body is refused. */
    requestHash: text('request_hash').notNull(),
    /** null while the first request with this key is still running. */
    status: integer('status'),
    body: text('body'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Messages to people, written in the same transaction as the change they announce. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The registration it is about; none for messages to a person (signing in, their links). */
    registrationId: integer('registration_id'),
    eventId: text('event_id'),
    /** The sign-in request a "sign-in" message delivers the link and code of. */
    signInId: integer('sign_in_id'),
    kind: text('kind', { enum: messageKinds }).notNull(),
    toAddress: text('to_address').notNull(),
    /** The recipient as compared (model/email.ts). */
    toKey: text('to_key').notNull().default(''),
    /** The recipient's mailbox (plus-tags folded, model/email.ts), for the per-recipient limits. */
    toMailbox: text('to_mailbox').notNull().default(''),
    toName: text('to_name').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Text people typed for the {{note}} and {{other}} placeholders, kept apart from the template. */
    params: text('params', { mode: 'json' }).$type<{ note?: string | null; other?: string | null }>(),
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
    /** The mailing organisers wrote, for a message that is one recipient's copy of it. */
    mailingId: integer('mailing_id'),
    /** SHA-256 of the one-click unsubscribe secret minted at delivery for an announcement. */
    unsubscribeHash: text('unsubscribe_hash'),
  },
  (t) => [
    index('outbox_mailing').on(t.mailingId, t.id),
    index('outbox_due').on(t.status, t.nextAttemptAt),
    index('outbox_registration').on(t.registrationId),
    index('outbox_to').on(t.toKey),
    index('outbox_mailbox').on(t.toMailbox, t.eventId, t.createdAt),
  ],
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

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** SHA-256 of the token; the token is shown once at creation and never stored. */
    tokenHash: text('token_hash').notNull(),
    role: text('role', { enum: organiserRoles }).notNull(),
    /** Event ids the token may act on; null means every event. */
    eventIds: text('event_ids', { mode: 'json' }).$type<string[] | null>(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
    /** The organiser (email) who created it in the console; null for the command line. */
    createdBy: text('created_by'),
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
  (t) => [index('audit_log_event').on(t.eventId, t.id), index('audit_log_registration').on(t.registrationId, t.id)],
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
    /** email: delivered by email, so following it proves the address; answer: returned by the API. */
    kind: text('kind', { enum: ['email', 'answer'] })
      .notNull()
      .default('email'),
    /** The message it was minted for; removed again if that delivery fails. */
    messageId: integer('message_id'),
    createdAt: text('created_at').notNull(),
    /** After this the link no longer opens the page (the event's end plus a grace period). */
    expiresAt: text('expires_at'),
  },
  (t) => [uniqueIndex('manage_links_token').on(t.tokenHash), index('manage_links_registration').on(t.registrationId)],
);

/**
 * Asking to sign in: the link and the code are minted when the message is delivered, and only their
 * hashes are kept. A request works once, for 15 minutes, and its code for 5 tries.
 */
export const signInRequests = sqliteTable(
  'sign_in_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    emailKey: text('email_key').notNull(),
    email: text('email').notNull(),
    /** Plus-tags folded: the per-address limit counts one mailbox once. */
    mailbox: text('mailbox').notNull(),
    createdAt: text('created_at').notNull(),
    tokenHash: text('token_hash'),
    codeHash: text('code_hash'),
    expiresAt: text('expires_at'),
    usedAt: text('used_at'),
    tries: integer('tries').notNull().default(0),
  },
  (t) => [
    uniqueIndex('sign_in_requests_token').on(t.tokenHash),
    index('sign_in_requests_email').on(t.emailKey, t.createdAt),
  ],
);

/** Every sign-in, shown to the person: when, and roughly with what. */
export const signIns = sqliteTable(
  'sign_ins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull(),
    at: text('at').notNull(),
    /** Coarse: "Firefox on Linux", never the whole user agent. */
    agent: text('agent').notNull(),
    method: text('method', { enum: ['link', 'code', 'invitation'] }).notNull(),
  },
  (t) => [index('sign_ins_person').on(t.personId, t.at)],
);

/** Organisers are people with a role, for all events or listed ones. */
export const organisers = sqliteTable(
  'organisers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull(),
    role: text('role', { enum: organiserRoles }).notNull(),
    /** Event ids the role applies to; null means every event. */
    eventIds: text('event_ids', { mode: 'json' }).$type<string[] | null>(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [uniqueIndex('organisers_person').on(t.personId)],
);

/** A person: an email address that has been proven (someone followed a link delivered to it). */
export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    emailKey: text('email_key').notNull(),
    email: text('email').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('people_email').on(t.emailKey)],
);

/**
 * A browser's session, in the `__Host-gathering` cookie; only the hash of the cookie's secret is
 * stored. It holds the registrations this browser may manage and, once someone signs in, the person.
 */
export const browserSessions = sqliteTable(
  'browser_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull(),
    personId: integer('person_id'),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    /** Absolute end, whatever the activity. */
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [uniqueIndex('browser_sessions_token').on(t.tokenHash), index('browser_sessions_person').on(t.personId)],
);

/** Registrations a session may manage, and whether it got there through an emailed link. */
export const sessionGrants = sqliteTable(
  'session_grants',
  {
    sessionId: integer('session_id').notNull(),
    registrationId: integer('registration_id').notNull(),
    /** Reached through a link delivered by email: this browser holds proof of the address. */
    proven: integer('proven', { mode: 'boolean' }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.registrationId] }),
    index('session_grants_registration').on(t.registrationId),
  ],
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
 * A person's calendar feed link, one per person across events (only proven registrations are in
 * it). Only the hash of the secret in the URL is kept; resetting replaces it, and the old URL then
 * answers 404.
 */
export const personalFeeds = sqliteTable(
  'personal_feeds',
  {
    personId: integer('person_id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    /** The link itself, sealed with the CALENDAR_LINK_KEY secret, so its owner can see it again. */
    tokenSealed: text('token_sealed'),
    createdAt: text('created_at').notNull(),
    /** Starred sessions and 1:1 meetings carry a reminder 15 minutes before (VALARM). */
    reminders: integer('reminders', { mode: 'boolean' }).notNull().default(false),
    /** When a setting last changed, so the feed's Last-Modified moves with it. */
    settingsAt: text('settings_at'),
  },
  (t) => [uniqueIndex('personal_feeds_token').on(t.tokenHash)],
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

/**
 * An invitation to join the organisers: the accept link's secret is stored only as a hash, and
 * accepting it needs the invited email to be proven (signed in as that person).
 */
export const organiserInvitations = sqliteTable(
  'organiser_invitations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    emailKey: text('email_key').notNull(),
    role: text('role', { enum: organiserRoles }).notNull(),
    /** Event ids the role will apply to; null means every event. */
    eventIds: text('event_ids', { mode: 'json' }).$type<string[] | null>(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: text('invited_by').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    acceptedAt: text('accepted_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [
    uniqueIndex('organiser_invitations_token').on(t.tokenHash),
    index('organiser_invitations_email').on(t.emailKey),
  ],
);

/**
 * Check-ins and their undoing as the door's devices made them, each with a nonce made on the device:
 * a device that syncs the same change twice (offline, then a retry) records it once.
 */
export const checkIns = sqliteTable(
  'check_ins',
  {
    nonce: text('nonce').primaryKey(),
    eventId: text('event_id').notNull(),
    registrationId: integer('registration_id').notNull(),
    action: text('action', { enum: ['check-in', 'undo'] }).notNull(),
    /** When the device says it happened (it may have been offline). */
    at: text('at').notNull(),
    receivedAt: text('received_at').notNull(),
    actor: text('actor').notNull(),
  },
  (t) => [index('check_ins_registration').on(t.registrationId, t.at)],
);

/** A message organisers wrote to a filtered audience of one event; each recipient's copy is in the outbox. */
export const mailings = sqliteTable(
  'mailings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** The filter that chose the recipients, as the console showed it. */
    audience: text('audience', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** An announcement (not about the person's own registration): carries List-Unsubscribe. */
    announcement: integer('announcement', { mode: 'boolean' }).notNull(),
    recipients: integer('recipients').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('mailings_event').on(t.eventId, t.id)],
);

/** Addresses that asked not to receive an event's announcements (one-click List-Unsubscribe). */
export const unsubscribes = sqliteTable(
  'unsubscribes',
  {
    emailKey: text('email_key').notNull(),
    eventId: text('event_id').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.emailKey, t.eventId] })],
);

/**
 * Which programme sequence (model/programme.ts) of each event the cron announced, and how: one row
 * per change, claimed by the run that queues its messages in the same transaction (`claim`), so
 * several isolates starting at once announce it exactly once. The programme itself stays in the
 * deployed content.
 */
export const announcements = sqliteTable(
  'announcements',
  {
    eventId: text('event_id').notNull(),
    sequence: integer('sequence').notNull(),
    /** The message kind sent, or 'none' / 'quiet' (digest turned off) when nobody needed one. */
    kind: text('kind').notNull(),
    claim: text('claim').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.sequence] })],
);

/** Lists of changes (by version) fully announced: later cron runs of the same deploy read one row and stop. */
export const announcedLists = sqliteTable('announced_lists', {
  version: text('version').primaryKey(),
  at: text('at').notNull(),
});

export const orderStatuses = ['open', 'paid', 'expired', 'cancelled'] as const;

/**
 * A purchase: one Checkout Session for one or more places (its registrations carry order_id). The
 * buyer is its first attendee; amounts are integer minor units of the currency.
 */
export const orders = sqliteTable(
  'orders',
  {
    /** Random and unguessable: it is Stripe's client_reference_id and in the payment link. */
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    buyerRegistrationId: integer('buyer_registration_id'),
    buyerEmailKey: text('buyer_email_key').notNull(),
    status: text('status', { enum: orderStatuses }).notNull(),
    currency: text('currency').notNull(),
    amountSubtotal: integer('amount_subtotal').notNull(),
    amountDiscount: integer('amount_discount').notNull().default(0),
    amountTax: integer('amount_tax').notNull().default(0),
    amountTotal: integer('amount_total').notNull(),
    amountRefunded: integer('amount_refunded').notNull().default(0),
    voucherId: integer('voucher_id'),
    /** Solidarity tickets bought as extras (each a solidarity_tickets row). */
    solidarityCount: integer('solidarity_count').notNull().default(0),
    stripeSessionId: text('stripe_session_id'),
    stripePaymentIntent: text('stripe_payment_intent'),
    checkoutUrl: text('checkout_url'),
    /** The holds end then: the Checkout Session's expires_at, or a payment link's deadline. */
    expiresAt: text('expires_at').notNull(),
    paidAt: text('paid_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** Times the event cancellation's refund of this order failed at Stripe (the cron tries others first). */
    refundAttempts: integer('refund_attempts').notNull().default(0),
  },
  (t) => [
    uniqueIndex('orders_stripe_session').on(t.stripeSessionId),
    index('orders_event').on(t.eventId, t.status, t.createdAt),
    index('orders_expiry').on(t.status, t.expiresAt),
    index('orders_payment_intent').on(t.stripePaymentIntent),
  ],
);

/** A solidarity ticket a buyer paid for; it takes a place only once organisers give it to someone. */
export const solidarityTickets = sqliteTable(
  'solidarity_tickets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    orderId: text('order_id').notNull(),
    ticketType: text('ticket_type').notNull(),
    priceMinor: integer('price_minor').notNull(),
    status: text('status', { enum: ['available', 'given', 'refunded'] }).notNull(),
    registrationId: integer('registration_id'),
    givenAt: text('given_at'),
  },
  (t) => [index('solidarity_tickets_event').on(t.eventId, t.status), index('solidarity_tickets_order').on(t.orderId)],
);

/** Stripe events acted on, by Stripe's id: inserted in the batch that acts, so a redelivery does nothing. */
export const stripeEvents = sqliteTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  orderId: text('order_id'),
  receivedAt: text('received_at').notNull(),
});

export const refundReasons = [
  'event_cancelled',
  'attendee_cancelled',
  'organiser',
  'late_payment',
  'stripe',
  /** A second payment of an order paid already, given back whole (it is not the order's money). */
  'second_payment',
] as const;

/** Money given back, one row per Stripe refund (made here, or in Stripe's dashboard: reason 'stripe'). */
export const refunds = sqliteTable(
  'refunds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: text('order_id').notNull(),
    stripeRefundId: text('stripe_refund_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason', { enum: refundReasons }).notNull(),
    /** The organiser's email, or 'system'. */
    by: text('by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('refunds_stripe_refund').on(t.stripeRefundId), index('refunds_order').on(t.orderId)],
);

/**
 * A refund a person is owed that Stripe did not make when asked (they cancelled while it could not
 * be reached): the cron retries it with the same Idempotency-Key until it is made, and the order's
 * console page shows it meanwhile. One per cancelled registration.
 */
export const owedRefunds = sqliteTable(
  'owed_refunds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: text('order_id').notNull(),
    eventId: text('event_id').notNull(),
    /** The registration whose cancellation is owed this refund. */
    registrationId: integer('registration_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason', { enum: refundReasons }).notNull(),
    createdAt: text('created_at').notNull(),
    /** How many times the cron tried again. */
    attempts: integer('attempts').notNull().default(0),
    /** When it was refunded (or nothing was left of the order to give): no longer owed. */
    settledAt: text('settled_at'),
  },
  (t) => [
    uniqueIndex('owed_refunds_registration').on(t.registrationId),
    index('owed_refunds_open').on(t.settledAt, t.createdAt),
    index('owed_refunds_order').on(t.orderId),
  ],
);

export const voucherKinds = ['percent', 'amount', 'unlock'] as const;

/**
 * Voucher codes, made in the console; only the SHA-256 of the code (upper-cased, trimmed) is kept.
 * Redeeming is one guarded UPDATE of `uses` inside the hold's batch, so uses never exceed max_uses.
 */
export const vouchers = sqliteTable(
  'vouchers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    codeHash: text('code_hash').notNull(),
    /** The code's last 4 characters, for organisers to tell vouchers apart. */
    hint: text('hint').notNull(),
    kind: text('kind', { enum: voucherKinds }).notNull(),
    /** percent: 1-100; amount: minor units; unlock: null. */
    value: integer('value'),
    /** The type unlocked, or the only type a discount applies to; null: any. */
    ticketType: text('ticket_type'),
    maxUses: integer('max_uses').notNull(),
    uses: integer('uses').notNull().default(0),
    validUntil: text('valid_until'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    disabledAt: text('disabled_at'),
  },
  (t) => [uniqueIndex('vouchers_code').on(t.eventId, t.codeHash)],
);
