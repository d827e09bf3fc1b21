// The social card of a page (og:image): what it says, and a key that changes exactly when that
// does, so the build renders a card only for new words (scripts/social-cards.ts caches by key)
// and the page's address for it changes with them (apps that cached the old card fetch the new).
import { formatWhen } from './time-format.ts';

export type SocialCard = { kicker: string; title: string; lines: string[] };

/** Bump when the card's look changes: every card is rendered again. */
export const CARD_VERSION = 1;

type CardEvent = {
  id: string;
  title: string;
  kind: string;
  status: string;
  start: string;
  end: string;
  city: string;
  country: string;
  venue: { name: string };
};

export function eventCard(e: CardEvent): SocialCard {
  const status = e.status === 'cancelled' ? 'Cancelled · ' : e.status === 'postponed' ? 'Postponed · ' : '';
  return {
    kicker: `${status}${e.kind[0]!.toUpperCase()}${e.kind.slice(1)} · Gathering`,
    title: e.title,
    lines: [formatWhen(e), `${e.venue.name}, ${e.city}, ${e.country}`],
  };
}

export const siteCard: SocialCard = {
  kicker: 'Gathering',
  title: 'Independent conferences and community camps',
  lines: ['Events, cities and spaces, with calendars that keep up.'],
};

/** A 53-bit hash of the card's words (cyrb53): a cache key, not a secret. */
export function cardKey(card: SocialCard): string {
  const text = JSON.stringify([CARD_VERSION, card]);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Where a card is published: its name (an event id, or "gathering") and its key. */
export const cardPath = (name: string, card: SocialCard) => `/cards/${name}.${cardKey(card)}.png`;
