// A profile as stored, from what a person typed: words become vocabulary tags where they can.
import type { ProfileInput } from '../../model/profile.ts';
import { normaliseTags, type TagIndex } from '../../model/vocabulary.ts';

/** A profile as stored, apart from whose it is. */
export type ProfileFields = {
  displayName: string;
  bio: string | null;
  city: string | null;
  offers: string[];
  seeks: string[];
  interests: string[];
  languages: string[];
  visibility: 'event' | 'network';
  available: boolean;
  updatedAt: string;
};

export function profileFrom(p: ProfileInput, fallbackName: string, tags: TagIndex, now: string): ProfileFields {
  return {
    displayName: p.displayName || fallbackName,
    bio: p.bio || null,
    city: p.city || null,
    offers: normaliseTags(tags, p.offers),
    seeks: normaliseTags(tags, p.seeks),
    interests: normaliseTags(tags, p.interests),
    languages: [...new Set(p.languages.map((l) => l.toLowerCase()))],
    visibility: p.visibility,
    available: p.available,
    updatedAt: now,
  };
}
