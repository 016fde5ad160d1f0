/** A short stable fingerprint of a list of ids (FNV-1a, two 32-bit lanes): a proposal's key. */
export function idsKey(ids: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ ids.length;
  for (const id of [...ids].sort()) {
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    // A separator, so ["ab", "c"] and ["a", "bc"] differ.
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
