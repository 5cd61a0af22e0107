/**
 * Below this many arcs the comparator sort wins: each radix pass walks and zeroes 65,536 buckets
 * whatever the count, which made this sort most of the CPU of solving many small markets.
 */
const RADIX_FROM = 1024;

const TWO_32 = 2 ** 32;

/**
 * Indexes 0..count-1 ordered by decreasing gain, ties by increasing index. Gains are integers:
 * an LSD radix sort on (maxGain - gain) in 16-bit passes is stable (so ties keep index order) and
 * linear, far quicker than a comparator sort for the hundreds of thousands of arcs of a
 * commodity. Two passes when the gains span less than 2^32, up to four below 2^53: a run that
 * prefers its proposals scales every gain (PairPreference) past 2^32, and the comparator sort it
 * fell back to took 2.4 s of a 3,000 x 3,000 change run. The comparator remains for few arcs and
 * for gains that are not exact integers.
 */
export function orderByGainDescending(gain: Float64Array, count: number): Int32Array {
  const order = new Int32Array(count);
  if (count === 0) return order;
  const { max, min, radix } = rangeOf(gain, count);
  if (!radix) {
    for (let a = 0; a < count; a++) order[a] = a;
    return order.sort((a, b) => gain[b] - gain[a] || a - b);
  }
  // Keys max - gain, exact integers below 2^53, as low and high 32-bit words.
  const low = new Uint32Array(count);
  const high = max - min >= TWO_32 ? new Uint32Array(count) : null;
  for (let a = 0; a < count; a++) {
    const key = max - gain[a];
    if (high) {
      const h = Math.floor(key / TWO_32);
      high[a] = h;
      low[a] = key - h * TWO_32;
    } else low[a] = key;
  }
  // Each pass moves the key words later passes read along with the indexes, so every pass reads
  // its digits in sequence: reading them through the indexes (keys[order[k]]) missed the cache on
  // nearly every arc, and the three passes of a run that prefers its proposals took 1.4 s for
  // 3.3 million arcs (0.4 s moving the keys).
  const buffer = new Int32Array(count);
  const counts = new Int32Array(65537);
  if (max - min < 65536) {
    radixPass(low, 0, null, buffer, counts, count, null, null, null, null);
    return buffer;
  }
  const lowMoved = new Uint32Array(count);
  const highMoved = high ? new Uint32Array(count) : null;
  radixPass(low, 0, null, buffer, counts, count, low, lowMoved, high, highMoved);
  if (!high || !highMoved) {
    radixPass(lowMoved, 16, buffer, order, counts, count, null, null, null, null);
    return order;
  }
  radixPass(lowMoved, 16, buffer, order, counts, count, highMoved, high, null, null);
  if (max - min < 2 ** 48) {
    radixPass(high, 0, order, buffer, counts, count, null, null, null, null);
    return buffer;
  }
  radixPass(high, 0, order, buffer, counts, count, high, highMoved, null, null);
  radixPass(highMoved, 16, buffer, order, counts, count, null, null, null, null);
  return order;
}

/**
 * The gains' range, and whether they take the radix path: enough of them, whole numbers, and a
 * span exact in a double.
 */
function rangeOf(gain: Float64Array, count: number): { max: number; min: number; radix: boolean } {
  let max = -Infinity;
  let min = Infinity;
  let whole = true;
  for (let a = 0; a < count; a++) {
    const g = gain[a];
    if (g > max) max = g;
    if (g < min) min = g;
    if (whole && !Number.isInteger(g)) whole = false;
  }
  return { max, min, radix: count >= RADIX_FROM && whole && max - min <= Number.MAX_SAFE_INTEGER };
}

/**
 * One stable counting pass on the 16 bits at `shift` of `digits` (in the input's order), `input`
 * (identity if null) to `output`; `carryA` and `carryB` (in the input's order too) are moved to
 * `movedA` and `movedB` with the indexes, for the passes after.
 */
function radixPass(
  digits: Uint32Array,
  shift: number,
  input: Int32Array | null,
  output: Int32Array,
  counts: Int32Array,
  count: number,
  carryA: Uint32Array | null,
  movedA: Uint32Array | null,
  carryB: Uint32Array | null,
  movedB: Uint32Array | null,
): void {
  counts.fill(0);
  for (let k = 0; k < count; k++) counts[((digits[k] >>> shift) & 0xffff) + 1]++;
  for (let d = 0; d < 65536; d++) counts[d + 1] += counts[d];
  if (carryA && movedA && carryB && movedB) {
    for (let k = 0; k < count; k++) {
      const at = counts[(digits[k] >>> shift) & 0xffff]++;
      output[at] = input ? input[k] : k;
      movedA[at] = carryA[k];
      movedB[at] = carryB[k];
    }
  } else if (carryA && movedA) {
    for (let k = 0; k < count; k++) {
      const at = counts[(digits[k] >>> shift) & 0xffff]++;
      output[at] = input ? input[k] : k;
      movedA[at] = carryA[k];
    }
  } else {
    for (let k = 0; k < count; k++)
      output[counts[(digits[k] >>> shift) & 0xffff]++] = input ? input[k] : k;
  }
}

/** Buckets of the first pass of forEachByGainDescending (one counting pass, as radixPass). */
const BUCKETS = 65536;

/**
 * Visits indexes 0..count-1 in orderByGainDescending's order, except those that `alive` calls
 * dead when their turn comes near (they are skipped; `alive` must never come back to life). For a
 * greedy pass that takes each arc while both its ends have something left, in far less memory: at
 * 21 million arcs with gains past 2^32 (a run preferring its proposals scales them) the full
 * order's six arrays of the arc count were 500 MB at the build's peak. Here the indexes are
 * bucketed by the gain's high bits (one Int32Array of the count), and each bucket, by the time it
 * is reached, is first cut down to its live indexes and only those are ordered: in a dense market
 * most ends are used up after the first buckets, and a bucket's order needs memory for its
 * survivors only. Non-integer gains and few indexes go through orderByGainDescending.
 */
export function forEachByGainDescending(
  gain: Float64Array,
  count: number,
  alive: (index: number) => boolean,
  visit: (index: number) => void,
): void {
  const { max, min, radix } = rangeOf(gain, count);
  if (!radix) {
    const order = orderByGainDescending(gain, count);
    for (let k = 0; k < count; k++) if (alive(order[k])) visit(order[k]);
    return;
  }
  // Bucket = (max - gain) / width, rounded down: increasing buckets are decreasing gains, and a
  // power-of-two width keeps the division exact for whole numbers below 2^53.
  let width = 1;
  while ((max - min) / width >= BUCKETS) width *= 2;
  const start = new Int32Array(BUCKETS + 1);
  for (let a = 0; a < count; a++) start[Math.floor((max - gain[a]) / width) + 1]++;
  for (let b = 0; b < BUCKETS; b++) start[b + 1] += start[b];
  const fill = start.slice(0, BUCKETS);
  const byBucket = new Int32Array(count);
  for (let a = 0; a < count; a++) byBucket[fill[Math.floor((max - gain[a]) / width)]++] = a;

  for (let b = 0; b < BUCKETS; b++) {
    // The bucket's live indexes, still in increasing order, moved to its front.
    let live = start[b];
    for (let k = start[b]; k < start[b + 1]; k++) {
      if (alive(byBucket[k])) byBucket[live++] = byBucket[k];
    }
    const n = live - start[b];
    if (n === 0) continue;
    if (width === 1 || n === 1) {
      // One gain per bucket: the index order is the order.
      for (let k = start[b]; k < live; k++) visit(byBucket[k]);
      continue;
    }
    const survivors = byBucket.subarray(start[b], live);
    const gains = new Float64Array(n);
    for (let k = 0; k < n; k++) gains[k] = gain[survivors[k]];
    // Stable: equal gains keep their positions' order, which is the indexes' order.
    const order = orderByGainDescending(gains, n);
    for (let k = 0; k < n; k++) visit(survivors[order[k]]);
  }
}
