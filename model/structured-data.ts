// schema.org Event data for an event page (JSON-LD), so search engines and apps read what, when
// and where without guessing. It is data, not script: browsers never run it, and the Content
// Security Policy's script-src does not apply to it.
import type { CatalogueEvent } from './catalogue.ts';
import { eventVenues } from './venues.ts';

const statuses = {
  scheduled: 'https://schema.org/EventScheduled',
  cancelled: 'https://schema.org/EventCancelled',
  postponed: 'https://schema.org/EventPostponed',
} as const;

export function eventJsonLd(e: CatalogueEvent, image: string): Record<string, unknown> {
  const places = eventVenues(e).map((v) => ({
    '@type': 'Place',
    name: v.name,
    address: { '@type': 'PostalAddress', streetAddress: v.address, addressLocality: e.city, addressCountry: e.country },
    ...(v.lat !== undefined && v.lng !== undefined
      ? { geo: { '@type': 'GeoCoordinates', latitude: v.lat, longitude: v.lng } }
      : {}),
  }));
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: e.title,
    description: e.summary,
    url: e.url,
    image: [image],
    startDate: e.startUtc,
    endDate: e.endUtc,
    eventStatus: statuses[e.status as keyof typeof statuses] ?? statuses.scheduled,
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    location: places.length === 1 ? places[0] : places,
    ...(e.hosts.length ? { organizer: e.hosts.map((h) => ({ '@type': 'Person', name: h.name })) } : {}),
    ...(e.capacity !== null ? { maximumAttendeeCapacity: e.capacity } : {}),
  };
}

/** The JSON as it may sit inside a <script> element: no "<" that could end it or open a comment. */
export const scriptSafeJson = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c');
