// Email addresses: what counts as one, and when two are the same. Two addresses are the same when
// they match ignoring case after Unicode normalisation; nothing else is guessed (no dot or plus
// folding), since only the mail provider knows what its addresses mean.
export const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:.]{2,}$/;

/** The key under which an address is compared and looked up. */
export function emailKey(address: string): string {
  return address.trim().normalize('NFC').toLowerCase();
}

/**
 * The mailbox an address delivers to, for limits only: "ana+tag@x.org" and "ana@x.org" usually reach
 * the same inbox, so flooding either counts against one limit. Identity never uses this.
 */
export function mailboxKey(address: string): string {
  const key = emailKey(address);
  const at = key.lastIndexOf('@');
  const plus = key.indexOf('+');
  return plus > 0 && plus < at ? key.slice(0, plus) + key.slice(at) : key;
}
