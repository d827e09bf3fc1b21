// Identifiers that conference apps keep between downloads of a schedule: UUIDs (version 5, from a
// name) and positive integers, both derived from content ids alone, so they are the same in every
// build for as long as the session exists. Synchronous and dependency-free: the worker makes one
// per session per request, and WebCrypto's digest is asynchronous (and slow to call 500 times).
import { hashText } from '../../model/catalogue.ts';

/** RFC 4122's namespace for names that are URLs. */
export const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

// Reused between calls: sha1 runs once per session per request, and allocations cost more than
// the hashing. Single-threaded, so sharing them is safe.
const w = new Uint32Array(80);
let scratch = new Uint8Array(256);

/** SHA-1 (FIPS 180-4). Only for UUIDv5, which RFC 4122 defines with it: never for security. */
export function sha1(bytes: Uint8Array): Uint8Array {
  const size = (((bytes.length + 8) >> 6) + 1) << 6;
  if (scratch.length < size) scratch = new Uint8Array(size * 2);
  const m = scratch;
  m.set(bytes);
  m.fill(0, bytes.length, size);
  m[bytes.length] = 0x80;
  const bits = bytes.length * 8;
  const view = new DataView(m.buffer);
  view.setUint32(size - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(size - 4, bits >>> 0);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  for (let block = 0; block < size; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
      w[i] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let i = 0; i < 80; i++) {
      const f =
        i < 20
          ? ((b & c) | (~b & d)) + 0x5a827999
          : i < 40
            ? (b ^ c ^ d) + 0x6ed9eba1
            : i < 60
              ? ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc
              : (b ^ c ^ d) + 0xca62c1d6;
      const t = (((a << 5) | (a >>> 27)) + f + e + w[i]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  const out = new Uint8Array(20);
  const outView = new DataView(out.buffer);
  outView.setUint32(0, h0 >>> 0);
  outView.setUint32(4, h1 >>> 0);
  outView.setUint32(8, h2 >>> 0);
  outView.setUint32(12, h3 >>> 0);
  outView.setUint32(16, h4 >>> 0);
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
let input = new Uint8Array(256);

/** A name-based UUID (RFC 4122, version 5): the same namespace and name give the same UUID anywhere. */
export function uuidV5(name: string, namespace = NAMESPACE_URL): string {
  let ns = namespaces.get(namespace);
  if (!ns) {
    ns = Uint8Array.from(namespace.replace(/-/g, '').match(/../g)!, (b) => Number.parseInt(b, 16));
    namespaces.set(namespace, ns);
  }
  // UTF-8 takes at most three bytes per UTF-16 unit.
  if (input.length < 16 + name.length * 3) input = new Uint8Array(16 + name.length * 3);
  input.set(ns);
  const { written } = encoder.encodeInto(name, input.subarray(16));
  const bytes = sha1(input.subarray(0, 16 + written)).subarray(0, 16);
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
