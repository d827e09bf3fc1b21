// Identifiers that conference apps keep between downloads of a schedule: UUIDs (version 5, from a
// name) and positive integers, both derived from content ids alone, so they are the same in every
// build for as long as the session exists. Synchronous and dependency-free: the worker makes one
// per session per request, and WebCrypto's digest is asynchronous (and slow to call 500 times).
import { hashText } from '../../model/catalogue.ts';

/** RFC 4122's namespace for names that are URLs. */
export const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
// The message schedule, reused: sha1 runs once per session per request.
const w = new Uint32Array(80);

/** SHA-1 (FIPS 180-4). Only for UUIDv5, which RFC 4122 defines with it: never for security. */
export function sha1(bytes: Uint8Array): Uint8Array {
  const padded = new Uint8Array((((bytes.length + 8) >> 6) + 1) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = bytes.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const t = (rotl(a, 5) + f + e + k + w[i]!) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30) >>> 0;
      b = a;
      a = t;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 5; i++) outView.setUint32(i * 4, h[i]!);
  return out;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const hex = (bytes: Uint8Array) => {
  let out = '';
  for (const b of bytes) out += HEX[b];
  return out;
};
const encoder = new TextEncoder();
const namespaces = new Map<string, Uint8Array>();

/** A name-based UUID (RFC 4122, version 5): the same namespace and name give the same UUID anywhere. */
export function uuidV5(name: string, namespace = NAMESPACE_URL): string {
  let ns = namespaces.get(namespace);
  if (!ns) {
    ns = Uint8Array.from(namespace.replace(/-/g, '').match(/../g)!, (b) => Number.parseInt(b, 16));
    namespaces.set(namespace, ns);
  }
  const text = encoder.encode(name);
  const input = new Uint8Array(ns.length + text.length);
  input.set(ns);
  input.set(text, ns.length);
  const bytes = sha1(input).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const MAX_ID = 2 ** 31 - 1;

/** A positive 31-bit integer from a name (apps often keep ids in a signed 32-bit int). */
export const stableInteger = (name: string): number => (Number.parseInt(hashText(name), 16) % MAX_ID) + 1;

/**
 * Distinct integer ids for names. Each is its name's stableInteger; on a collision (rare: about one
 * 500-session event in 17,000 has one) the name that sorts later probes on, so an id changes only
 * when a new name collides with it and sorts before it.
 */
export function distinctIntegers(names: string[]): Map<string, number> {
  const ids = new Map<string, number>();
  const taken = new Set<number>();
  for (const name of [...new Set(names)].sort()) {
    let id = stableInteger(name);
    for (let n = 1; taken.has(id); n++) id = stableInteger(`${name}#${n}`);
    taken.add(id);
    ids.set(name, id);
  }
  return ids;
}
