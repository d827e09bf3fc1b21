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

/** What the score reads of a profile: what a person offers, seeks and cares about, city, languages. */
export type Scored = Pick<MatchProfile, 'city' | 'offers' | 'seeks' | 'interests' | 'languages'>;

export type Fit = { score: number; reasons: string[] };

const common = (a: string[], b: string[]) => {
  const set = new Set(b);
  return a.filter((x) => set.has(x));
};

// How many of `a` are in `b`, without allocating: profiles list a handful of tags each, so a scan
// beats building a Set, and pairScore runs for every pair of a thousand people.
function countCommon(a: string[], b: string[]): number {
  let n = 0;
  for (const x of a) if (b.includes(x)) n++;
  return n;
}

const sameWord = (x: string, y: string) => x === y || x.toLowerCase() === y.toLowerCase();

function shareLanguage(a: string[], b: string[]): boolean {
  for (const x of a) for (const y of b) if (sameWord(x, y)) return true;
  return false;
}

const list = (labels: string[]) =>
  labels.length <= 2 ? labels.join(' and ') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;

/**
 * How well two people fit, as a score only: the one home of the scoring rule (see the top of this
 * file). The scheduler and suggestions call it for every pair, so it builds no strings or sets.
 */
export function pairScore(a: Scored, b: Scored): number {
  const speak = shareLanguage(a.languages, b.languages);
  if (a.languages.length && b.languages.length && !speak) return 0;
  const gets = countCommon(b.offers, a.seeks);
  const gives = countCommon(a.offers, b.seeks);
  let score = 0;
  if (gets && gives) score += 10 + 2 * (gets + gives - 2);
  else if (gets || gives) score += 4 + (gets + gives - 1);
  score += Math.min(3, countCommon(a.interests, b.interests));
  if (score === 0) return 0;
  if (a.city && b.city && sameWord(a.city, b.city)) score += 0.5;
  if (speak) score += 0.5;
  return score;
}

/** The fit of `other` for `viewer`, with reasons phrased for the viewer: the score is pairScore's. */
export function pairFit(viewer: MatchProfile, other: MatchProfile, tags: TagIndex): Fit {
  const score = pairScore(viewer, other);
  if (score === 0) return { score: 0, reasons: [] };
  const gets = common(other.offers, viewer.seeks);
  const gives = common(viewer.offers, other.seeks);
  const interests = common(viewer.interests, other.interests);
  const languages = common(
    viewer.languages.map((l) => l.toLowerCase()),
    other.languages.map((l) => l.toLowerCase()),
  );
  const reasons: string[] = [];
  if (gets.length) reasons.push(`offers ${list(gets.map(tags.label))}, which you seek`);
  if (gives.length) reasons.push(`seeks ${list(gives.map(tags.label))}, which you offer`);
  if (interests.length) reasons.push(`you both care about ${list(interests.map(tags.label))}`);
  if (viewer.city && other.city && sameWord(viewer.city, other.city)) reasons.push(`also based in ${other.city}`);
  if (languages.length) reasons.push(`you both speak ${list(languages)}`);
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
