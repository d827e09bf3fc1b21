// Ranked suggestions of people to meet. Pure: profiles in, a ranked list out.
import type { TagIndex } from '../../model/vocabulary.ts';
import { type Fit, type MatchProfile, pairFit, visibleTo } from './score.ts';

export type Suggestion = Fit & { profile: MatchProfile };

/** Pairs of people (by their key) who must never be suggested to each other, in either order. */
export type Blocked = (a: string, b: string) => boolean;

export function suggestionsFor(
  viewer: MatchProfile,
  candidates: MatchProfile[],
  tags: TagIndex,
  blocked: Blocked,
  limit = 20,
): Suggestion[] {
  const best = new Map<string, Suggestion>();
  for (const other of candidates) {
    if (!visibleTo(viewer, other) || blocked(viewer.key, other.key)) continue;
    const f = pairFit(viewer, other, tags);
    if (f.score <= 0) continue;
    // One person registered at several events is suggested once, at their best fit, preferring this event.
    const prior = best.get(other.person);
    const better =
      !prior ||
      f.score > prior.score ||
      (f.score === prior.score && other.eventId === viewer.eventId && prior.profile.eventId !== viewer.eventId);
    if (better) best.set(other.person, { ...f, profile: other });
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.profile.eventId === viewer.eventId) - Number(a.profile.eventId === viewer.eventId) ||
        a.profile.name.localeCompare(b.profile.name),
    )
    .slice(0, limit);
}
