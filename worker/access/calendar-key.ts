// The personal calendar link, kept so its owner can see it again: sealed with AES-GCM under a key
// derived from the CALENDAR_LINK_KEY secret, bound to its person, beside the hash that the feed is
// looked up by. D1 alone never gives the link back; without the key the link still works and is
// shown once, as before. Local development (DEV_MAILBOX=on) derives a fixed key when no secret is
// set, so a fresh clone works with npm start; npm run deploy refuses to deploy without the secret.
import type { Bindings } from '../env.ts';

const DEV_SECRET = 'gathering-local-development-calendar-link-key';
const encoder = new TextEncoder();

const keys = new Map<string, Promise<CryptoKey>>();

/** The AES-GCM key of this deployment, or undefined when it has none. */
export function calendarKeyOf(env: Pick<Bindings, 'DEV_MAILBOX'> & { CALENDAR_LINK_KEY?: string }) {
  const secret = env.CALENDAR_LINK_KEY || (env.DEV_MAILBOX === 'on' ? DEV_SECRET : undefined);
  if (!secret) return undefined;
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey'])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('gathering'), info: encoder.encode('calendar-link') },
          material,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    keys.set(secret, key);
  }
  return key;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
// The person's id is authenticated with the link: a sealed link copied to another row does not open.
const boundTo = (personId: number) => encoder.encode(`personal-calendar:${personId}`);

/** "iv.ciphertext", base64: a fresh 96-bit IV for every seal. */
export async function sealLink(key: CryptoKey, personId: number, token: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: boundTo(personId) },
    key,
    encoder.encode(token),
  );
  return `${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`;
}

/** The token, or undefined if it was sealed under another key or for someone else. */
export async function openLink(key: CryptoKey, personId: number, sealed: string): Promise<string | undefined> {
  const [iv, data] = sealed.split('.');
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(iv ?? ''), additionalData: boundTo(personId) },
      key,
      fromBase64(data ?? ''),
    );
    return new TextDecoder().decode(plain);
  } catch {
    return undefined;
  }
}
