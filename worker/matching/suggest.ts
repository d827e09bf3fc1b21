// Loads what suggestions need for one person, and asks the pure ranking for them.
import { indexVocabulary, type Vocabulary } from '../../model/vocabulary.ts';
import type { Db } from '../db/client.ts';
import { asMatchProfile, candidateProfiles, declinedPairs, type ProfileRow, pairKey } from '../db/matching.ts';
import { type Suggestion, suggestionsFor } from './suggestions.ts';

export async function suggestionsOf(
  db: Db,
  vocabulary: Vocabulary,
  own: ProfileRow,
  limit = 20,
): Promise<Suggestion[]> {
  const viewer = asMatchProfile(own);
  const candidates = (await candidateProfiles(db, own.eventId, own.visibility === 'network')).map(asMatchProfile);
  const declined = await declinedPairs(db, [viewer.person]);
  return suggestionsFor(viewer, candidates, indexVocabulary(vocabulary), (a, b) => declined.has(pairKey(a, b)), limit);
}
