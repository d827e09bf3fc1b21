// Matching as a person and an organiser meet it: loads what the pure scoring, suggestions and
// scheduler need from D1, and stores what they decide.

import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { ProfileInput } from '../../model/profile.ts';
import { indexVocabulary, type TagIndex, type Vocabulary } from '../../model/vocabulary.ts';
import type { Db } from '../db/client.ts';
import {
  askedToday,
  candidateProfiles,
  createIntroduction,
  decideIntroduction,
  declinedPairs,
  emailsOf,
  type Introduction,
  introductionsOf,
  keysOfPair,
  type MeetingRow,
  meetingParticipants,
  meetingsOf,
  meetingsOfEvent,
  optOut as optOutStore,
  type ProfileOfPerson,
  pairKey,
  profileOf,
  profilesByIds,
  replaceMeetings,
  saveProfile as saveProfileStore,
} from '../db/matching.ts';
import { queueFor, queueMessages } from '../db/outbox.ts';
import type { Registration } from '../db/registrations.ts';
import { type SchedulePlan, type ScheduleResult, scheduleInputOf } from './plan.ts';
import { profileFrom } from './profile.ts';
import { type ScheduleProblem, validateSchedule } from './scheduler.ts';
import { type MatchProfile, pairFit, personKey, visibleTo } from './score.ts';
import { futureSlots } from './slots.ts';
import { type Suggestion, suggestionsFor } from './suggestions.ts';

/** Introductions one person may ask for in a day. */
export const DAILY_INTRODUCTIONS = 10;

/** Shown where someone's profile is gone (they opted out, cancelled or were erased): never their legal name. */
export const SOMEONE_WHO_LEFT = 'someone who left';

export const asMatchProfile = (p: ProfileOfPerson): MatchProfile => ({
  id: p.registrationId,
  person: p.emailKey,
  key: personKey(p),
  eventId: p.eventId,
  name: p.displayName,
  city: p.city,
  offers: p.offers,
  seeks: p.seeks,
  interests: p.interests,
  languages: p.languages,
  visibility: p.visibility,
});

export async function suggestionsOf(
  db: Db,
  vocabulary: Vocabulary,
  own: ProfileOfPerson,
  limit = 20,
): Promise<Suggestion[]> {
  const viewer = asMatchProfile(own);
  const candidates = (await candidateProfiles(db, own.eventId, own.visibility === 'network')).map(asMatchProfile);
  const declined = await declinedPairs(db, [viewer.key]);
  return suggestionsFor(viewer, candidates, indexVocabulary(vocabulary), (a, b) => declined.has(pairKey(a, b)), limit);
}

/** Everything the "Meet people" part of a manage page shows, as data. */
export type MatchingData = {
  profile: ProfileOfPerson | undefined;
  tags: TagIndex;
  suggestions: Suggestion[];
  introductions: Introduction[];
  meetings: MeetingRow[];
  /** The names the other people chose; someone without a profile any more is missing here. */
  names: Map<number, string>;
  /** Emails of people introduced to this person (accepted introductions only). */
  emails: Map<number, string>;
  /** Why this person and each other one in their introductions and meetings fit, phrased for this person. */
  reasons: Map<number, string[]>;
};

export async function matchingData(db: Db, vocabulary: Vocabulary, r: Registration): Promise<MatchingData> {
  const profile = await profileOf(db, r.id);
  const [suggestions, introductions, meetings] = profile
    ? await Promise.all([suggestionsOf(db, vocabulary, profile), introductionsOf(db, r.id), meetingsOf(db, [r.id])])
    : [[], [], []];
  const others = [
    ...new Set([
      ...introductions.flatMap((i) => [i.fromRegistration, i.toRegistration]),
      ...meetings.flatMap((m) => [m.registrationA, m.registrationB]),
    ]),
  ].filter((id) => id !== r.id);
  const theirs = await profilesByIds(db, others);
  const names = new Map(theirs.map((p) => [p.registrationId, p.displayName]));
  const tags = indexVocabulary(vocabulary);
  const viewer = profile && asMatchProfile(profile);
  // Reasons, never scores: a bare number tells a person nothing about why to meet someone.
  const reasons = new Map(
    viewer
      ? theirs.map((p) => [p.registrationId, pairFit(viewer, asMatchProfile({ ...p, personId: null }), tags).reasons])
      : [],
  );
  // Someone already asked (either way), introduced or declined is no longer a suggestion.
  const introduced = new Set(introductions.flatMap((i) => [i.fromPerson, i.toPerson]));
  const acceptedWith = introductions
    .filter((i) => i.status === 'accepted')
    .map((i) => (i.fromRegistration === r.id ? i.toRegistration : i.fromRegistration));
  // Contact details only after an accepted introduction; never the legal name.
  const emails = new Map((await emailsOf(db, acceptedWith)).map((e) => [e.id, e.email]));
  return {
    profile,
    tags,
    suggestions: suggestions.filter((x) => !introduced.has(x.profile.key)),
    introductions,
    meetings,
    names,
    emails,
    reasons,
  };
}

export async function saveProfile(db: Db, vocabulary: Vocabulary, r: Registration, input: ProfileInput, now: Date) {
  const fields = profileFrom(input, r.name, indexVocabulary(vocabulary), now.toISOString());
  await saveProfileStore(db, { registrationId: r.id, eventId: r.eventId, emailKey: r.emailKey, ...fields });
}

export async function optOut(db: Db, event: CatalogueEvent, r: Registration, now: Date) {
  await optOutStore(db, event.id, r.id, futureSlots(event, now));
}

/** Asks to meet someone; answers a reason when it cannot. */
export async function askIntroduction(
  db: Db,
  content: { event(id: string): Promise<CatalogueEvent | undefined> },
  r: Registration,
  toRegistration: number,
  note: string,
  now: Date,
): Promise<{ ok: true; toRegistration: number } | { ok: false; reason: string }> {
  const [mine, theirs] = await Promise.all([profileOf(db, r.id), profileOf(db, toRegistration)]);
  if (!mine) return { ok: false, reason: 'Opt in first: introductions are between people who chose to meet others.' };
  if (!theirs || !visibleTo(asMatchProfile(mine), asMatchProfile(theirs)))
    return { ok: false, reason: 'That person is not available for introductions.' };
  const [from, to] = [personKey(mine), personKey(theirs)];
  if ((await declinedPairs(db, [from])).has(pairKey(from, to)))
    return { ok: false, reason: 'That introduction was declined before.' };
  const target = (await content.event(theirs.eventId)) ?? undefined;
  if (!target) return { ok: false, reason: 'That person is not available for introductions.' };
  const at = now.toISOString();
  const intro = await createIntroduction(
    db,
    {
      fromRegistration: r.id,
      toRegistration: theirs.registrationId,
      fromPerson: from,
      toPerson: to,
      note: note || null,
      createdAt: at,
    },
    DAILY_INTRODUCTIONS,
    (where) =>
      queueMessages({
        event: target,
        now: at,
        kinds: ['intro-request'],
        where,
        // Anyone who opted in can ask, so it counts against the recipient's hourly limit.
        limited: true,
        params: { other: mine.displayName, note: note || null },
      }),
  );
  if (intro) return { ok: true, toRegistration: theirs.registrationId };
  if ((await askedToday(db, from, at)) >= DAILY_INTRODUCTIONS)
    return { ok: false, reason: `You can ask for ${DAILY_INTRODUCTIONS} introductions a day; try again tomorrow.` };
  return { ok: false, reason: 'You already asked to meet this person.' };
}

/** Accepts or declines an introduction waiting for this person; the asker hears about an acceptance. */
export async function answerIntroduction(
  db: Db,
  event: CatalogueEvent,
  r: Registration,
  introductionId: number,
  decision: 'accepted' | 'declined',
  now: Date,
) {
  const intro = await decideIntroduction(db, introductionId, r.id, decision, now.toISOString());
  if (!intro) return { decided: false as const };
  if (intro.status !== 'accepted') return { decided: true as const };
  const mine = await profileOf(db, r.id);
  await queueFor(db, intro.fromRegistration, {
    event,
    now: now.toISOString(),
    kinds: ['intro-accepted'],
    params: { other: mine?.displayName ?? SOMEONE_WHO_LEFT },
  });
  return { decided: true as const, notify: intro.fromRegistration };
}

/** Whether a registration has a matching profile (it opted in). */
export const hasProfile = async (db: Db, registrationId: number) => (await profileOf(db, registrationId)) !== undefined;

/**
 * The plan of an event's 1:1 meetings: who takes part (opted in, confirmed) and what the score reads
 * of them, the slots that have not started, the pairs that met in started slots or declined an
 * introduction, and sit-outs so far. Whoever runs the scheduler gets this; see plan.ts.
 */
export async function schedulePlan(db: Db, event: CatalogueEvent, now: Date): Promise<SchedulePlan> {
  const slots = futureSlots(event, now);
  const participants = (await meetingParticipants(db, event.id)).map(asMatchProfile);
  // Declined introductions are between people (keys); the scheduler pairs registrations.
  const byKey = new Map<string, number[]>();
  for (const p of participants) {
    const ids = byKey.get(p.key);
    if (ids) ids.push(p.id);
    else byKey.set(p.key, [p.id]);
  }
  const declinedKeys = await declinedPairs(
    db,
    participants.map((p) => p.key),
  );
  const declined: [number, number][] = [];
  for (const pair of declinedKeys) {
    const [x, y] = keysOfPair(pair);
    for (const a of byKey.get(x) ?? []) for (const b of byKey.get(y) ?? []) declined.push([a, b]);
  }
  const existing = await meetingsOfEvent(db, event.id);
  const started = existing.filter((m) => !slots.includes(m.slotIndex));
  const sitOuts = new Map<number, number>();
  for (const index of new Set(started.map((m) => m.slotIndex))) {
    const seated = new Set(
      started.filter((m) => m.slotIndex === index).flatMap((m) => [m.registrationA, m.registrationB]),
    );
    for (const p of participants) if (!seated.has(p.id)) sitOuts.set(p.id, (sitOuts.get(p.id) ?? 0) + 1);
  }
  const body = {
    slots: slots.map((index) => ({ index, tables: event.networkingSlots[index]!.tables })),
    participants: participants.map(({ id, key, city, offers, seeks, interests, languages }) => ({
      id,
      key,
      city,
      offers,
      seeks,
      interests,
      languages,
    })),
    alreadyMet: started.map((m): [number, number] => [m.registrationA, m.registrationB]),
    declined,
    sitOuts: [...sitOuts],
  };
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(body)));
  const fingerprint = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { eventId: event.id, fingerprint, ...body };
}

export type StoredSchedule =
  | { ok: true; slotsScheduled: number[]; participants: number; meetings: number }
  | { ok: false; code: 'schedule_stale' }
  | { ok: false; code: 'schedule_invalid'; problems: ScheduleProblem[] };

/**
 * Stores meetings computed elsewhere, for the slots that have not started, after checking them
 * against the event's plan as it stands now. Meetings in started slots stay as they are.
 */
export async function storeSchedule(
  db: Db,
  event: CatalogueEvent,
  now: Date,
  result: ScheduleResult,
): Promise<StoredSchedule> {
  const plan = await schedulePlan(db, event, now);
  if (result.fingerprint !== plan.fingerprint) return { ok: false, code: 'schedule_stale' };
  const problems = validateSchedule(scheduleInputOf(plan), result.meetings);
  if (problems.length) return { ok: false, code: 'schedule_invalid', problems };
  const slots = plan.slots.map((s) => s.index);
  const createdAt = now.toISOString();
  await replaceMeetings(
    db,
    event.id,
    slots,
    result.meetings.map((m) => ({ slotIndex: m.slot, tableNumber: m.table, a: m.a, b: m.b, score: m.score })),
    createdAt,
  );
  return { ok: true, slotsScheduled: slots, participants: plan.participants.length, meetings: result.meetings.length };
}
