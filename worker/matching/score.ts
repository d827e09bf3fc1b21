// How well two people fit, with reasons a person can read. Pure. The weights, in order of strength:
//   mutual complement (each offers something the other seeks): 10, plus 2 per extra match
//   one-way complement (one offers what the other seeks):       4, plus 1 per extra match
//   shared interests:                                            1 each, at most 3
//   same city, a shared language:                                0.5 each, only on top of the above
// Two people who both list languages but share none score 0: they could not talk. City and
// language alone never make a match. The score is the same from either side; the reasons are not.
import type { TagIndex } from '../../model/vocabulary.ts';

export type MatchProfile = {
  /** The registration id. */
  id: number;
  /** The same address across events (its email key): only to keep a person from meeting themselves. */
  person: string;
  /**
   * Who this is for introductions: the proven person, or this one registration while its address
   * is unproven (so a stranger using someone's address cannot act for them).
   */
  key: string;
  eventId: string;
  name: string;
  city: string | null;
  offers: string[];
  seeks: string[];
  interests: string[];
  languages: string[];
  visibility: 'event' | 'network';
};

export type Fit = { score: number; reasons: string[] };

const common = (a: string[], b: string[]) => {
  const set = new Set(b);
  return a.filter((x) => set.has(x));
};

const list = (labels: string[]) =>
  labels.length <= 2 ? labels.join(' and ') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;

/** The fit of `other` for `viewer`, with reasons phrased for the viewer. */
export function pairFit(viewer: MatchProfile, other: MatchProfile, tags: TagIndex): Fit {
  const languages = common(
    viewer.languages.map((l) => l.toLowerCase()),
    other.languages.map((l) => l.toLowerCase()),
  );
  if (viewer.languages.length && other.languages.length && languages.length === 0) return { score: 0, reasons: [] };
  const gets = common(other.offers, viewer.seeks);
  const gives = common(viewer.offers, other.seeks);
  const interests = common(viewer.interests, other.interests);
  let score = 0;
  const reasons: string[] = [];
  if (gets.length && gives.length) score += 10 + 2 * (gets.length + gives.length - 2);
  else if (gets.length || gives.length) score += 4 + (gets.length + gives.length - 1);
  if (gets.length) reasons.push(`offers ${list(gets.map(tags.label))}, which you seek`);
  if (gives.length) reasons.push(`seeks ${list(gives.map(tags.label))}, which you offer`);
  if (interests.length) {
    score += Math.min(3, interests.length);
    reasons.push(`you both care about ${list(interests.map(tags.label))}`);
  }
  if (score === 0) return { score: 0, reasons: [] };
  if (viewer.city && other.city && viewer.city.toLowerCase() === other.city.toLowerCase()) {
    score += 0.5;
    reasons.push(`also based in ${other.city}`);
  }
  if (languages.length) {
    score += 0.5;
    reasons.push(`you both speak ${list(languages)}`);
  }
  return { score, reasons };
}

/** Whether `other` may be shown to `viewer` at all: same event, or both open to the whole network. */
export function visibleTo(viewer: MatchProfile, other: MatchProfile): boolean {
  if (viewer.person === other.person) return false;
  return viewer.eventId === other.eventId || (viewer.visibility === 'network' && other.visibility === 'network');
}

/** The key of a registration for introductions (see MatchProfile.key). */
export const personKey = (r: { registrationId: number; personId: number | null }) =>
  r.personId !== null ? `p:${r.personId}` : `r:${r.registrationId}`;
