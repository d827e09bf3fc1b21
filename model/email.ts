// Email addresses: what counts as one, and when two are the same. Two addresses are the same when
// they match ignoring case after Unicode normalisation; nothing else is guessed (no dot or plus
// folding), since only the mail provider knows what its addresses mean.
export const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:.]{2,}$/;

/** The key under which an address is compared and looked up. */
export function emailKey(address: string): string {
  return address.trim().normalize('NFC').toLowerCase();
}
