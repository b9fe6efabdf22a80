// The (blob, path) pairs a history walk has scanned: each pair is scanned once, in the first commit
// that brought it. Kept as numbers in one typed array (open addressing), not as strings: a string
// key held the strings of git's output it was cut from (a walk of 200,000 pairs held 100 MB that
// way), and numbers in a Set are objects of their own, each one more for the GC.

export interface SeenPairs {
  /** Records the pair: true if it was not seen before. */
  add(sha: string, path: string): boolean;
}

const FIRST_SLOTS = 1 << 16;

/**
 * A pair as one number of 52 bits: 52 bits of the blob's id (already random: its first 13 hex
 * digits), each half mixed with a different hash of the path. Two pairs share a key with a chance
 * of about 1 in 2^52: the same blob at two paths needs both path hashes to agree.
 */
export function pairKey(sha: string, path: string): number {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 13);
  }
  let high = 0; // 20 bits
  for (let i = 0; i < 5; i++) high = (high << 4) | hexValue(sha.charCodeAt(i));
  let low = 0; // 32 bits
  for (let i = 5; i < 13; i++) low = (low << 4) | hexValue(sha.charCodeAt(i));
  return (high ^ (a >>> 12)) * 0x100000000 + ((low ^ b) >>> 0);
}

/** A hex digit's value (git writes ids in lower case); anything else still gives 4 bits. */
function hexValue(code: number): number {
  return (code <= 57 ? code - 48 : code - 87) & 15;
}

export function seenPairs(): SeenPairs {
  // Keys plus one (0 marks an empty slot), at most half full.
  let slots = new Float64Array(FIRST_SLOTS);
  let count = 0;

  /** The slot holding `stored`, or the empty one where it goes. */
  const slotOf = (table: Float64Array, stored: number): number => {
    const mask = table.length - 1;
    let at = (stored >>> 0) & mask; // the key's low 32 bits: random already
    while (table[at] !== 0 && table[at] !== stored) at = (at + 1) & mask;
    return at;
  };

  const grow = (): void => {
    const larger = new Float64Array(slots.length * 2);
    for (const stored of slots) if (stored !== 0) larger[slotOf(larger, stored)] = stored;
    slots = larger;
  };

  return {
    add(sha, path) {
      const stored = pairKey(sha, path) + 1;
      const at = slotOf(slots, stored);
      if (slots[at] === stored) return false;
      slots[at] = stored;
      if (++count * 2 > slots.length) grow();
      return true;
    },
  };
}
