/**
 * Long lists sorted by a number without a comparison function. At 100,000 incidents (and 75,000
 * reminders) a sort that called a comparison for each pair took 40–250 ms of one task on the page;
 * here each item's key and its position are packed into one 64-bit integer and the integers are
 * sorted natively (10–15 ms).
 */

/** Keys are whole numbers below 2^45: each is rounded down and clamped into [0, 2^45). */
export const KEY_BITS = 45
const KEY_SPAN = 2 ** KEY_BITS
/** The rest of the 64 bits hold the position: up to 2^19 items are packed. */
const POSITION_SPAN = 2 ** (64 - KEY_BITS)
const LOW_KEY_SPAN = 2 ** (32 - (64 - KEY_BITS))

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/**
 * `items` by `key` (smaller first; rounded down, clamped into [0, 2^45)); equal keys keep their
 * order, as a stable sort would. `packedUpTo` (tests): up to how many items the packed sort is used
 * (beyond, or on a big-endian machine, keys are compared pair by pair).
 */
export function sortByKey<T>(
  items: readonly T[],
  key: (item: T) => number,
  packedUpTo = POSITION_SPAN,
): T[] {
  const n = items.length
  const keyAt = (at: number) =>
    Math.min(KEY_SPAN - 1, Math.max(0, Math.floor(key(items[at] as T)) || 0))
  if (n > packedUpTo || !littleEndian) {
    const keys = items.map((_, at) => keyAt(at))
    return items
      .map((_, at) => at)
      .sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b)
      .map((at) => items[at] as T)
  }
  const packed = new BigUint64Array(n)
  // The same bytes as 32-bit words: [low, high] for each integer (little-endian).
  const words = new Uint32Array(packed.buffer)
  for (let at = 0; at < n; at++) {
    const k = keyAt(at)
    words[2 * at + 1] = Math.floor(k / LOW_KEY_SPAN)
    words[2 * at] = (k % LOW_KEY_SPAN) * POSITION_SPAN + at
  }
  packed.sort()
  const sorted = new Array<T>(n)
  for (let k = 0; k < n; k++) sorted[k] = items[(words[2 * k] as number) % POSITION_SPAN] as T
  return sorted
}
