// What a ticket's QR holds and how the door reads it back: a link to /t/<code> on the site, so a
// phone's own camera app opens the event's page, while the door page takes the code out of it.

/** The path of a ticket's link; the worker redirects it to the ticket's public event page. */
export const TICKET_PATH = '/t/';

/** The link a ticket's QR encodes. */
export const ticketUrl = (siteUrl: string, code: string) => `${siteUrl.replace(/\/$/, '')}${TICKET_PATH}${code}`;

/** Accepts what people type at the door: lower case, spaces, missing dashes. */
export function normaliseTicketCode(input: string): string {
  const chars = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return chars.length === 10 ? `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}` : chars;
}

/**
 * The ticket code in what a scanner read: a ticket link (on any host, since a site may move) or the
 * bare code that older tickets held. Anything else is not a ticket.
 */
export function ticketCodeFrom(scanned: string): string | undefined {
  const text = scanned.trim();
  let candidate = text;
  if (/^https?:\/\//i.test(text)) {
    let path: string;
    try {
      path = new URL(text).pathname;
    } catch {
      return undefined;
    }
    if (!path.startsWith(TICKET_PATH)) return undefined;
    candidate = decodeURIComponent(path.slice(TICKET_PATH.length).replace(/\/$/, ''));
  }
  const code = normaliseTicketCode(candidate);
  return /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/.test(code) ? code : undefined;
}
