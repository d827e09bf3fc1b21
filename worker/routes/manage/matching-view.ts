// The "Meet people" section's data as the page shows it: names people chose (or "someone who
// left"), words from the vocabulary, times in the event's zone.
import type { CatalogueEvent } from '../../../model/catalogue.ts';
import { formatDay, formatTime } from '../../../model/time-format.ts';
import type { MatchingView } from '../../../ui/matching-section.tsx';
import type { Registration } from '../../db/registrations.ts';
import { type MatchingData, SOMEONE_WHO_LEFT } from '../../matching/service.ts';

export function presentMatching(
  d: MatchingData,
  r: Registration,
  event: CatalogueEvent,
  errors: Record<string, string> = {},
  notice?: string,
): MatchingView {
  const words = (list: string[]) => list.map(d.tags.label).join(', ');
  const nameOf = (id: number) => d.names.get(id) ?? SOMEONE_WHO_LEFT;
  const reasonsOf = (id: number) => d.reasons.get(id) ?? [];
  const other = (i: { fromRegistration: number; toRegistration: number }) =>
    i.fromRegistration === r.id ? i.toRegistration : i.fromRegistration;
  const p = d.profile;
  return {
    base: `/manage/${r.id}`,
    eventTitle: event.title,
    hasSlots: event.networkingSlots.length > 0,
    profile: p && {
      displayName: p.displayName,
      city: p.city ?? '',
      offers: words(p.offers),
      seeks: words(p.seeks),
      interests: words(p.interests),
      languages: p.languages.join(', '),
      bio: p.bio ?? '',
      visibility: p.visibility,
      available: p.available,
    },
    suggestions: d.suggestions.map((s) => ({
      registrationId: s.profile.id,
      name: s.profile.name,
      otherEvent: s.profile.eventId !== event.id,
      reasons: s.reasons,
    })),
    incoming: d.introductions
      .filter((i) => i.toRegistration === r.id && i.status === 'pending')
      .map((i) => ({
        id: i.id,
        name: nameOf(i.fromRegistration),
        note: i.note,
        reasons: reasonsOf(i.fromRegistration),
      })),
    outgoing: d.introductions
      .filter((i) => i.fromRegistration === r.id && i.status === 'pending')
      .map((i) => ({ name: nameOf(i.toRegistration), reasons: reasonsOf(i.toRegistration) })),
    accepted: d.introductions
      .filter((i) => i.status === 'accepted')
      .map((i) => ({ name: nameOf(other(i)), email: d.emails.get(other(i)) ?? '' })),
    declined: d.introductions.filter((i) => i.status === 'declined').map((i) => ({ name: nameOf(other(i)) })),
    meetings: [...d.meetings]
      .sort((a, b) => a.slotIndex - b.slotIndex)
      .flatMap((m) => {
        const slot = event.networkingSlots[m.slotIndex];
        if (!slot) return [];
        const hours = `${formatTime(slot.start)}–${formatTime(slot.end)}`;
        const when = `${formatDay(slot.start)}, ${hours} (${event.city} time)`;
        const other = m.registrationA === r.id ? m.registrationB : m.registrationA;
        return [{ when, table: m.tableNumber, partner: nameOf(other), reasons: reasonsOf(other) }];
      }),
    errors,
    notice,
  };
}
