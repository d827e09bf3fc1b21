// One-click "add to calendar" links for Google Calendar, Outlook.com and Microsoft 365, from UTC
// instants, subscriptions to feeds in each of them, and links to a venue on a map.
export type CalendarItem = {
  title: string;
  startUtc: string;
  endUtc: string;
  description: string;
  location: string;
  timeZone: string;
};

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function googleCalendarLink(item: CalendarItem): string {
  const q = new URLSearchParams({
    action: 'TEMPLATE',
    text: item.title,
    dates: `${compact(item.startUtc)}/${compact(item.endUtc)}`,
    details: item.description,
    location: item.location,
    ctz: item.timeZone,
  });
  return `https://calendar.google.com/calendar/render?${q}`;
}

/** Outlook's compose form: Outlook.com (personal accounts) or Microsoft 365 (`outlook.office.com`). */
export function outlookCalendarLink(item: CalendarItem, host: OutlookHost = 'outlook.live.com'): string {
  const q = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: item.title,
    startdt: item.startUtc.replace(/\.\d{3}Z$/, 'Z'),
    enddt: item.endUtc.replace(/\.\d{3}Z$/, 'Z'),
    body: item.description,
    location: item.location,
  });
  return `https://${host}/calendar/0/action/compose?${q}`;
}

export type OutlookHost = 'outlook.live.com' | 'outlook.office.com';

/**
 * Every way to subscribe to a feed from its https address: calendar apps (webcal://), Google
 * Calendar, Outlook.com and Microsoft 365 (both add a calendar "from web" by its address).
 */
export function subscribeLinks(https: string, name: string) {
  const webcal = https.replace(/^https?:/, 'webcal:');
  const fromWeb = (host: OutlookHost) =>
    `https://${host}/calendar/0/addfromweb?${new URLSearchParams({ url: https, name })}`;
  return {
    https,
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: fromWeb('outlook.live.com'),
    office365: fromWeb('outlook.office.com'),
  };
}

export type Place = { name: string; address: string; lat?: number; lng?: number };

/** OpenStreetMap: a marker at the coordinates when the venue has them, else a search for its address. */
export function mapLink(venue: Place): string {
  if (venue.lat !== undefined && venue.lng !== undefined) {
    return `https://www.openstreetmap.org/?mlat=${venue.lat}&mlon=${venue.lng}#map=17/${venue.lat}/${venue.lng}`;
  }
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(`${venue.name}, ${venue.address}`)}`;
}

/**
 * The phone's maps app: a `geo:` URI (RFC 5870) at the coordinates, with `q` (the query that
 * Android's and most maps apps read) naming the place; without coordinates, `geo:0,0?q=` and the
 * address, which those apps search for.
 */
export function geoLink(venue: Place): string {
  // Parentheses too: a label in them follows the coordinates.
  const q = encodeURIComponent(`${venue.name}, ${venue.address}`).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  if (venue.lat !== undefined && venue.lng !== undefined) {
    return `geo:${venue.lat},${venue.lng}?q=${venue.lat},${venue.lng}(${q})`;
  }
  return `geo:0,0?q=${q}`;
}
