const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A random id for records and people. 16 characters of base36 is ~82 bits: collisions between
 * peers creating records concurrently are not a practical concern. Uses Web Crypto, which both
 * browsers and Node 20 provide on `globalThis`.
 */
export function newId(length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
