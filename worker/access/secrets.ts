// Secrets and codes from the platform's CSPRNG. Link tokens, session cookies, sign-in codes and API
// tokens are stored only as SHA-256 hashes and compared in constant time. Ticket codes are not
// secrets (they are printed on tickets and organisers see them) and are stored as they are.

// Crockford-style alphabet without 0/O, 1/I/L and U: easy to read aloud and type at the door.
const TICKET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "K7QM-4TZ8-HX" style: 10 characters, about 49 bits, unguessable and unambiguous. */
export function newTicketCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const chars = [...bytes].map((b) => TICKET_ALPHABET[b % TICKET_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Accepts what people type at the door (shared with the door page's script). */
export { normaliseTicketCode } from '../../model/ticket.ts';

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A 256-bit secret for links and API tokens. */
export function newSecret(prefix = ''): string {
  return prefix + base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Constant-time equality of two hex hashes of the same length. */
export function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** A 6-digit code for people who read their mail on another device; only its hash is stored. */
export function newCode(): string {
  // 10^6 codes, drawn without modulo bias from 32-bit values.
  const limit = 4_294_000_000;
  for (;;) {
    const [value] = crypto.getRandomValues(new Uint32Array(1));
    if (value! < limit) return String(value! % 1_000_000).padStart(6, '0');
  }
}
