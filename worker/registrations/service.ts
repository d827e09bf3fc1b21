// What registering and every later change of a registration do, apart from HTTP: the bot check,
// admission, validation, Turnstile, idempotency, the one-batch write and delivery. Routes parse,
// call these and answer; refusals come back as problems (values), never as thrown HTTP.
import { admission, type Terms } from '../../model/admission.ts';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { emailKey } from '../../model/email.ts';
import { priceOrder } from '../../model/pricing.ts';
import { type RegistrationRequest, registrationRequestSchema } from '../../model/registration.ts';
import { toMinor } from '../../model/tickets.ts';
import { indexVocabulary } from '../../model/vocabulary.ts';
import { linkExpiry } from '../access/links.ts';
import { hashSecret, newSecret, newTicketCode } from '../access/secrets.ts';
import type { ContentSource } from '../content/source.ts';
import type { AuditEntry } from '../db/audit.ts';
import type { Db } from '../db/client.ts';
import { claimKey, releaseKey } from '../db/idempotency.ts';
import {
  type Created,
  cancelRegistration,
  checkIn as checkInStore,
  createRegistration,
  decideApplication,
  deleteRegistration,
  findRegistration,
  promoteRegistration,
  type Registration,
  resendManageLink,
} from '../db/registrations.ts';
import type { Bindings } from '../env.ts';
import { fieldProblems } from '../http/openapi.ts';
import type { Problem } from '../http/problems.ts';
import { passesTurnstile } from '../http/turnstile.ts';
import { profileFrom } from '../matching/profile.ts';
import { futureSlots } from '../matching/slots.ts';
import { scheduleDelivery } from '../messages/delivery.ts';
import { prepareHoldCancel } from '../payments/cancel-hold.ts';
import { type BuyResult, buy, wantsPurchase } from '../payments/checkout.ts';
import { checkAnswers } from './answers.ts';
import {
  allows,
  checkInAllowed,
  doorRefusals,
  eventCancelledRefusal,
  lifecycle,
  type RegistrationStatus,
} from './lifecycle.ts';

export type Services = {
  env: Bindings;
  db: Db;
  content: ContentSource;
  now: Date;
  /** Work that may finish after the answer (message delivery). */
  background: (work: Promise<unknown>) => void;
};

export const deliver = (s: Services, options: Parameters<typeof scheduleDelivery>[1] = {}) =>
  s.background(scheduleDelivery({ env: s.env, content: s.content }, options));

export const statusMessages = {
  confirmed: 'Your place is confirmed. We have emailed you your ticket and a link to manage your registration.',
  waitlisted: 'The event is full, so you are on the waitlist. We have emailed you a link to see your position.',
  pending: 'Your application is in. The organisers will email you their decision.',
} as const;
type Holding = keyof typeof statusMessages;

const quietMessages: Record<Holding, string> = {
  confirmed: 'Your place is confirmed.',
  waitlisted: 'The event is full, so you are on the waitlist.',
  pending: 'Your application is in.',
};

export const NOT_EMAILED =
  'This address has had several messages from us in the last hour, so we did not email you this time: ' +
  'keep the link to your registration, or ask for your links by email later.';

export type RegisterInput = {
  /** The body as JSON, or the form already mapped to the JSON shape (model/registration.ts). */
  request: unknown;
  /** Form fields no form of this event has; refused before anything else reads them. */
  unknownFields?: string[];
  idempotencyKey?: string;
  clientAddress?: string;
  /** The site's origin, for the payment provider's return links. */
  origin?: string;
};

export type RegisterResult =
  | { ok: false; problem: Problem }
  | { ok: true; outcome: 'created'; registration: Created; manageToken: string; message: string; emailed: boolean }
  | { ok: true; outcome: 'replayed'; registration: Created; message: string }
  | { ok: true; outcome: 'duplicate'; registrationId: number; message: string }
  | { ok: true; outcome: 'purchase'; purchase: StoredPurchase; message: string; replayed?: true };

/** A purchase's answer, as an Idempotency-Key stores it: no manage link secret in the store. */
export type StoredPurchase = Omit<Extract<BuyResult, { ok: true }>, 'manageToken'> & { manageToken?: string };

const purchaseMessage = (p: StoredPurchase) =>
  p.outcome === 'confirmed'
    ? statusMessages.confirmed
    : 'Your places are held for 30 minutes while you pay; they are confirmed once the payment arrives.';

/** The ticket type a free or application registration stores, checked like a purchase's; none without tickets. */
function chosenTicket(event: CatalogueEvent, request: RegistrationRequest, now: Date) {
  if (!event.tickets?.length) return undefined;
  const priced = priceOrder({
    tickets: event.tickets,
    ticketType: request.ticketType,
    quantity: 1,
    amountMinor: request.amount === undefined ? undefined : toMinor(request.amount, event.tickets[0]!.currency),
    solidarity: 0,
    now,
  });
  if (!priced.ok)
    return {
      problem: { code: 'validation_failed' as const, message: 'Some fields need attention.', fields: priced.problems },
    };
  const { id, quantity } = priced.price.ticket;
  return { type: id, priceMinor: priced.price.lines[0]!.unitMinor, quantity };
}

const isRecord = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/**
 * The request's fields and the event's questions checked together: every problem at once, so the
 * person fixes the whole form in one go (JSON and form alike).
 */
export function checkRequest(event: CatalogueEvent, raw: Record<string, unknown>) {
  const parsed = registrationRequestSchema.safeParse(raw);
  const answersGiven = isRecord(raw.answers) ? raw.answers : {};
  const { answers, errors: answerErrors } = checkAnswers(event.registration.questions, answersGiven);
  const fields = [
    ...(parsed.success ? [] : fieldProblems(parsed.error.issues).filter((f) => !f.field.startsWith('answers'))),
    ...answerErrors,
  ];
  if (!parsed.success || fields.length)
    return {
      ok: false as const,
      problem: { code: 'validation_failed' as const, message: 'Some fields need attention.', fields },
    };
  return { ok: true as const, request: parsed.data, answers };
}

/**
 * What to answer a JSON body that does not fit the schema: the same problem register() gives
 * (admission first, then every field and answer at once), rather than the schema's alone.
 */
export function jsonRequestProblem(event: CatalogueEvent, raw: unknown, now: Date): Problem | undefined {
  const decision = admission(event, now);
  if (!decision.ok) return decision.refusal;
  const checked = checkRequest(event, isRecord(raw) ? raw : {});
  return checked.ok ? undefined : checked.problem;
}

export async function register(s: Services, event: CatalogueEvent, input: RegisterInput): Promise<RegisterResult> {
  const raw = isRecord(input.request) ? input.request : {};
  const refuse = (problem: Problem): RegisterResult => ({ ok: false, problem });
  if (input.unknownFields?.length) {
    return refuse({
      code: 'validation_failed',
      message: 'The form had fields this event does not ask for. Reload the event page and try again.',
    });
  }
  if (raw.homepage) {
    return refuse({
      code: 'bot_suspected',
      message: 'This looks automated: the hidden "homepage" field must stay empty.',
      fields: [{ field: 'homepage', message: 'Leave this field empty.' }],
    });
  }
  const decision = admission(event, s.now);
  if (!decision.ok) return refuse(decision.refusal);
  const checked = checkRequest(event, raw);
  if (!checked.ok) return refuse(checked.problem);
  const { request, answers } = checked;
  if (
    s.env.TURNSTILE_SECRET_KEY &&
    !(await passesTurnstile(s.env.TURNSTILE_SECRET_KEY, request.turnstileToken, input.clientAddress))
  ) {
    return refuse({ code: 'turnstile_failed', message: 'The human check did not pass; please try again.' });
  }
  const now = s.now.toISOString();
  const key = input.idempotencyKey;
  const scope = event.id;
  if (key) {
    // The human check's token differs on every retry; the request is the rest.
    const { turnstileToken: _token, ...stable } = request;
    const requestHash = await hashSecret(JSON.stringify(stable));
    const staleBefore = new Date(s.now.getTime() - 60_000).toISOString();
    const claim = await claimKey(s.db, { scope, key, requestHash, now, staleBefore });
    if (claim.state === 'mismatch')
      return refuse({
        code: 'idempotency_key_reused',
        message: 'This Idempotency-Key was already used with a different request body.',
      });
    if (claim.state === 'running')
      return refuse({
        code: 'idempotency_in_progress',
        message: 'A request with this Idempotency-Key is still running; retry in a moment to get its answer.',
      });
    if (claim.state === 'done') {
      const stored = JSON.parse(claim.body) as Created | StoredPurchase;
      // A purchase repeated: the same order and Checkout page, and no second hold.
      if ('orderId' in stored)
        return { ok: true, outcome: 'purchase', purchase: stored, message: purchaseMessage(stored), replayed: true };
      const registration = stored;
      await resendManageLink(s.db, event, registration.id, now);
      deliver(s, { registrationId: registration.id });
      const message =
        `${statusMessages[registration.status as Holding]} ` +
        '(This repeats an earlier request; the manage link was emailed again.)';
      return { ok: true, outcome: 'replayed', registration, message };
    }
  }
  const giveUp = async (problem: Problem): Promise<RegisterResult> => {
    if (key) await releaseKey(s.db, scope, key);
    return refuse(problem);
  };
  try {
    // A paid ticket on a full event with a waitlist: the person waits without paying (no order yet).
    let waitFor: { type: string; priceMinor: number } | undefined;
    if (wantsPurchase(event, request, s.now)) {
      const bought = await buy(s, event, request, answers, input.origin ?? '', key ? { scope, key } : undefined);
      if (bought.ok) return { ok: true, outcome: 'purchase', purchase: bought, message: purchaseMessage(bought) };
      if (!bought.waitlist) return giveUp(bought.problem);
      waitFor = bought.waitlist;
    } else if (request.attendees?.length || request.solidarity || request.voucher)
      return giveUp({
        code: 'validation_failed',
        message: `${event.title} takes one registration at a time, for free: register each person with their own address.`,
      });
    // Events with tickets keep the type chosen (and its price, for an application paid once accepted).
    const ticket = waitFor ?? chosenTicket(event, request, s.now);
    if (ticket && 'problem' in ticket) return giveUp(ticket.problem);
    const token = newSecret('m_');
    const emailedToken = newSecret('m_');
    const emailedHash = await hashSecret(emailedToken);
    const outcome = await createRegistration(s.db, {
      event,
      terms: decision.terms as Terms,
      name: request.name,
      email: request.email,
      emailKey: emailKey(request.email),
      answers,
      ticketCode: newTicketCode(),
      manageTokenHash: await hashSecret(token),
      deliveryLinkHash: emailedHash,
      linkExpiresAt: linkExpiry(event),
      now,
      idempotency: key ? { scope, key } : undefined,
      profile:
        request.profile &&
        profileFrom(request.profile, request.name, indexVocabulary((await s.content.site()).vocabulary), now),
      ticket,
      waitlistOnly: waitFor !== undefined,
    });
    if (outcome.outcome === 'sold_out')
      return giveUp({
        code: 'ticket_unavailable',
        message: 'There are not any of these tickets left; choose another ticket.',
      });
    if (outcome.outcome === 'full') {
      if (waitFor)
        return giveUp({ code: 'conflict', message: 'A place has just opened: send the form again to take it.' });
      return giveUp({
        code: 'event_full',
        message: `${event.title} is full${event.registration.waitlist ? '' : ' and has no waitlist'}.`,
      });
    }
    if (outcome.outcome === 'duplicate') {
      if (key) await releaseKey(s.db, scope, key);
      await resendManageLink(s.db, event, outcome.registration.id, now);
      deliver(s, { registrationId: outcome.registration.id });
      const message =
        `This email address is already registered for ${event.title}. ` +
        'We have emailed the link to manage that registration again.';
      return { ok: true, outcome: 'duplicate', registrationId: outcome.registration.id, message };
    }
    const links = outcome.message && new Map([[outcome.message.id, { token: emailedToken, hash: emailedHash }]]);
    deliver(s, { claimed: outcome.message ? [outcome.message] : [], links });
    // A message is left out only when this address had its share of messages in the last hour; the
    // answer then says so, and the registration is reachable from this browser and "email me my links".
    const emailed = outcome.message !== undefined;
    const status = outcome.registration.status as Holding;
    const message = emailed ? statusMessages[status] : `${quietMessages[status]} ${NOT_EMAILED}`;
    return { ok: true, outcome: 'created', registration: outcome.registration, manageToken: token, message, emailed };
  } catch (error) {
    if (key) await releaseKey(s.db, scope, key).catch(() => undefined);
    throw error;
  }
}

export type ChangeResult = { ok: true; registration: Registration } | { ok: false; problem: Problem };

async function reload(s: Services, r: Registration): Promise<Registration> {
  return (await findRegistration(s.db, r.eventId, r.id)) ?? r;
}

function refusal(action: keyof typeof lifecycle, r: Registration): Problem {
  const t = lifecycle[action];
  const from = t.from.join(' or ');
  return {
    code: t.refusal,
    message: `Registration ${r.id} is ${r.status}; only ${from} registrations can be ${t.verb}.`,
  };
}

/** Cancels a registration (by the person, or by an organiser with a note). */
export async function cancel(
  s: Services,
  event: CatalogueEvent,
  r: Registration,
  by: { audit?: AuditEntry; note?: string | null } = {},
): Promise<ChangeResult> {
  if (!allows('cancel', r.status)) return { ok: false, problem: refusal('cancel', r) };
  if (r.status === 'awaiting_payment') {
    const refused = await prepareHoldCancel(s, r, Boolean(by.audit));
    if (refused) return { ok: false, problem: refused };
  }
  const change = await cancelRegistration(s.db, event, r, s.now.toISOString(), futureSlots(event, s.now), {
    ...by,
    // People cancelling their own place can cause messages; organisers' notes always go.
    limited: !by.audit,
  });
  if (!change.changed)
    return {
      ok: false,
      problem: { code: 'conflict', message: `Registration ${r.id} changed meanwhile; fetch it and try again.` },
    };
  deliver(s);
  return { ok: true, registration: await reload(s, r) };
}

export async function decide(
  s: Services,
  event: CatalogueEvent,
  r: Registration,
  action: 'approve' | 'decline',
  note: string | null,
  audit: AuditEntry,
): Promise<ChangeResult> {
  const stopped = eventCancelledRefusal(event, `applications cannot be ${lifecycle[action].verb}`);
  if (stopped) return { ok: false, problem: stopped };
  if (!allows(action, r.status)) return { ok: false, problem: refusal(action, r) };
  const change = await decideApplication(s.db, event, r, action, note, s.now.toISOString(), audit);
  if (!change.changed) {
    const after = await reload(s, r);
    if (after.status === 'pending')
      return {
        ok: false,
        problem: { code: 'event_full', message: `${event.title} has no free place left to accept this application.` },
      };
    return {
      ok: false,
      problem: { code: 'not_pending', message: `Registration ${r.id} changed meanwhile; it is now ${after.status}.` },
    };
  }
  deliver(s);
  return { ok: true, registration: await reload(s, r) };
}

export async function promote(
  s: Services,
  event: CatalogueEvent,
  r: Registration,
  audit: AuditEntry,
): Promise<ChangeResult> {
  const stopped = eventCancelledRefusal(event, 'nobody can be promoted');
  if (stopped) return { ok: false, problem: stopped };
  if (!allows('promote', r.status)) return { ok: false, problem: refusal('promote', r) };
  const change = await promoteRegistration(s.db, event, r, s.now.toISOString(), audit);
  if (!change.changed)
    return {
      ok: false,
      problem: {
        code: 'event_full',
        message: `${event.title} has no free place; cancel a registration or raise the capacity first.`,
      },
    };
  deliver(s);
  return { ok: true, registration: await reload(s, r) };
}

export async function erase(s: Services, event: CatalogueEvent, r: Registration, audit: AuditEntry) {
  await deleteRegistration(s.db, event, r, s.now.toISOString(), audit);
  deliver(s);
}

export type CheckInResult =
  | {
      ok: true;
      name: string;
      ticketCode: string;
      alreadyCheckedIn: boolean;
      checkedInAt: string;
      checkedInBy: string | null;
    }
  | { ok: false; problem: Problem };

export async function checkIn(
  s: Services,
  event: CatalogueEvent,
  ticketCode: string,
  audit: AuditEntry,
): Promise<CheckInResult> {
  const stopped = eventCancelledRefusal(event, 'nobody checks in');
  if (stopped) return { ok: false, problem: stopped };
  const now = s.now.toISOString();
  const { registration: r, justCheckedIn } = await checkInStore(s.db, event.id, ticketCode, now, audit);
  if (!r)
    return {
      ok: false,
      problem: {
        code: 'ticket_not_found',
        message: `No ticket ${ticketCode} for this event. Check the code, or whether it is for another event.`,
      },
    };
  if (!checkInAllowed(r.status)) {
    const message = doorRefusals[r.status as RegistrationStatus] ?? `This registration is ${r.status}.`;
    return {
      ok: false,
      problem: { code: 'ticket_not_valid', message, extra: { name: r.name, registrationStatus: r.status } },
    };
  }
  return {
    ok: true,
    name: r.name,
    ticketCode: r.ticketCode,
    alreadyCheckedIn: !justCheckedIn,
    checkedInAt: r.checkedInAt!,
    checkedInBy: r.checkedInBy,
  };
}
