// Ranked suggestions of people to meet. Pure: profiles in, a ranked list out.
import type { TagIndex } from '../../model/vocabulary.ts';
import { type Fit, type MatchProfile, pairFit, pairScore, visibleTo } from './score.ts';

export type Suggestion = Fit & { profile: MatchProfile };

/** Pairs of people (by their key) who must never be suggested to each other, in either order. */
export type Blocked = (a: string, b: string) => boolean;

type Ranked = { score: number; profile: MatchProfile };

export function suggestionsFor(
  viewer: MatchProfile,
  candidates: MatchProfile[],
  tags: TagIndex,
  blocked: Blocked,
  limit = 20,
): Suggestion[] {
  // Scores only while ranking everyone; reasons are phrased for the few that are shown.
  const best = new Map<string, Ranked>();
  for (const other of candidates) {
    if (!visibleTo(viewer, other) || blocked(viewer.key, other.key)) continue;
    const score = pairScore(viewer, other);
    if (score <= 0) continue;
    // One person registered at several events is suggested once, at their best fit, preferring this event.
    const prior = best.get(other.person);
    const better =
      !prior ||
      score > prior.score ||
      (score === prior.score && other.eventId === viewer.eventId && prior.profile.eventId !== viewer.eventId);
    if (better) best.set(other.person, { score, profile: other });
  }
  let ranked = [...best.values()];
  // Only the top `limit` are shown: everyone below the limit-th best score can go before the full
  // ordering, whose name comparisons are its expensive part.
  if (limit > 0 && ranked.length > limit) {
    const scores = new Float64Array(ranked.length);
    for (let i = 0; i < ranked.length; i++) scores[i] = ranked[i]!.score;
    const floor = scores.sort()[ranked.length - limit]!;
    ranked = ranked.filter((r) => r.score >= floor);
  }
  return ranked
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.profile.eventId === viewer.eventId) - Number(a.profile.eventId === viewer.eventId) ||
        a.profile.name.localeCompare(b.profile.name),
    )
    .slice(0, limit)
    .map((r) => ({ ...pairFit(viewer, r.profile, tags), profile: r.profile }));
}
