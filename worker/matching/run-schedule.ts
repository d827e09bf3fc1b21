// Runs the 1:1 scheduler for an event: loads who takes part and what already happened, fills the
// slots that have not started, stores the result. Meetings in started slots stay as they are.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { indexVocabulary, type Vocabulary } from '../../model/vocabulary.ts';
import type { Db } from '../db/client.ts';
import {
  asMatchProfile,
  declinedPairs,
  meetingParticipants,
  meetingsOfEvent,
  pairKey,
  replaceMeetings,
} from '../db/matching.ts';
import { futureSlots } from '../domain/slots.ts';
import { schedule } from './scheduler.ts';
import { pairFit } from './score.ts';

export async function runSchedule(db: Db, event: CatalogueEvent, vocabulary: Vocabulary, now: Date) {
  const slots = futureSlots(event, now);
  const participants = (await meetingParticipants(db, event.id)).map(asMatchProfile);
  const byId = new Map(participants.map((p) => [p.id, p]));
  const declined = await declinedPairs(
    db,
    participants.map((p) => p.person),
  );
  const tags = indexVocabulary(vocabulary);
  const existing = await meetingsOfEvent(db, event.id);
  const started = existing.filter((m) => !slots.includes(m.slotIndex));
  const sitOuts = new Map<number, number>();
  for (const index of new Set(started.map((m) => m.slotIndex))) {
    const seated = new Set(
      started.filter((m) => m.slotIndex === index).flatMap((m) => [m.registrationA, m.registrationB]),
    );
    for (const p of participants) if (!seated.has(p.id)) sitOuts.set(p.id, (sitOuts.get(p.id) ?? 0) + 1);
  }
  const weight = (a: number, b: number) => {
    const pa = byId.get(a)!;
    const pb = byId.get(b)!;
    if (pa.person === pb.person || declined.has(pairKey(pa.person, pb.person))) return 0;
    return pairFit(pa, pb, tags).score;
  };
  const result = schedule({
    people: participants.map((p) => p.id),
    weight,
    slots: slots.map((index) => ({ index, tables: event.networkingSlots[index]!.tables })),
    alreadyMet: started.map((m) => [m.registrationA, m.registrationB]),
    sitOuts,
  });
  const createdAt = now.toISOString();
  await replaceMeetings(
    db,
    event.id,
    slots,
    result.meetings.map((m) => ({
      eventId: event.id,
      slotIndex: m.slot,
      tableNumber: m.table,
      registrationA: m.a,
      registrationB: m.b,
      score: m.score,
      createdAt,
    })),
  );
  return { slotsScheduled: slots, participants: participants.length, meetings: result.meetings.length };
}
