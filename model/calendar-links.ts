// One-click "add to calendar" links for Google Calendar and Outlook, from UTC instants.
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

export function outlookCalendarLink(item: CalendarItem): string {
  const q = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: item.title,
    startdt: item.startUtc.replace(/\.\d{3}Z$/, 'Z'),
    enddt: item.endUtc.replace(/\.\d{3}Z$/, 'Z'),
    body: item.description,
    location: item.location,
  });
  return `https://outlook.live.com/calendar/0/action/compose?${q}`;
}

export function mapLink(venue: { name: string; address: string; lat?: number; lng?: number }): string {
  if (venue.lat !== undefined && venue.lng !== undefined) {
    return `https://www.openstreetmap.org/?mlat=${venue.lat}&mlon=${venue.lng}#map=17/${venue.lat}/${venue.lng}`;
  }
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(`${venue.name}, ${venue.address}`)}`;
}
