// Gathers what the "Meet people" section of a manage page shows.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { indexVocabulary, type Vocabulary } from '../../model/vocabulary.ts';
import type { Db } from '../db/client.ts';
import { introductionsOf, meetingsOf, profileOf, profilesByIds, registrationsByIds } from '../db/matching.ts';
import type { Registration } from '../db/registrations.ts';
import type { MatchingView, Person } from '../pages/matching-section.ts';
import { suggestionsOf } from './suggest.ts';

export async function matchingView(
  db: Db,
  vocabulary: Vocabulary,
  token: string,
  r: Registration,
  event: CatalogueEvent,
  errors: Record<string, string> = {},
): Promise<MatchingView> {
  const profile = await profileOf(db, r.id);
  const [suggestions, intros, meetings] = profile
    ? await Promise.all([suggestionsOf(db, vocabulary, profile), introductionsOf(db, r.id), meetingsOf(db, [r.id])])
    : [[], [], []];
  const others = [
    ...new Set([
      ...intros.flatMap((i) => [i.fromRegistration, i.toRegistration]),
      ...meetings.flatMap((m) => [m.registrationA, m.registrationB]),
    ]),
  ].filter((id) => id !== r.id);
  const rows = await registrationsByIds(db, others);
  const names = new Map((await profilesByIds(db, others)).map((p) => [p.registrationId, p.displayName]));
  const acceptedWith = new Set(
    intros.filter((i) => i.status === 'accepted').flatMap((i) => [i.fromRegistration, i.toRegistration]),
  );
  // Contact details only after an accepted introduction; otherwise just the name they chose.
  const people = new Map<number, Person>(
    rows.map((row) => [
      row.id,
      { id: row.id, name: names.get(row.id) ?? row.name, email: acceptedWith.has(row.id) ? row.email : '' },
    ]),
  );
  return {
    token,
    event,
    profile,
    tags: indexVocabulary(vocabulary),
    suggestions,
    introductions: intros,
    meetings,
    people,
    me: r.id,
    errors,
  };
}
