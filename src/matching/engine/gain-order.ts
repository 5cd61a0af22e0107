/**
 * Below this many arcs the comparator sort wins: each radix pass walks and zeroes 65,536 buckets
 * whatever the count, which made this sort most of the CPU of solving many small markets.
 */
const RADIX_FROM = 1024;

/**
 * Indexes 0..count-1 ordered by decreasing gain, ties by increasing index. Gains are integers:
 * an LSD radix sort on (maxGain - gain) in two 16-bit passes is stable (so ties keep index order)
 * and linear, far quicker than a comparator sort for the hundreds of thousands of arcs of a
 * commodity. Falls back to the comparator for few arcs or gains spanning more than 2^32.
 */
export function orderByGainDescending(gain: Float64Array, count: number): Int32Array {
  const order = new Int32Array(count);
  if (count === 0) return order;
  let max = -Infinity;
  let min = Infinity;
  for (let a = 0; a < count; a++) {
    const g = gain[a];
    if (g > max) max = g;
    if (g < min) min = g;
  }
  if (count < RADIX_FROM || max - min >= 2 ** 32) {
    for (let a = 0; a < count; a++) order[a] = a;
    return order.sort((a, b) => gain[b] - gain[a] || a - b);
  }
  const keys = new Uint32Array(count);
  for (let a = 0; a < count; a++) keys[a] = max - gain[a];
  const buffer = new Int32Array(count);
  const counts = new Int32Array(65537);
  // Pass 1: low 16 bits, identity order in, buffer out.
  for (let a = 0; a < count; a++) counts[(keys[a] & 0xffff) + 1]++;
  for (let d = 0; d < 65536; d++) counts[d + 1] += counts[d];
  for (let a = 0; a < count; a++) buffer[counts[keys[a] & 0xffff]++] = a;
  if (max - min < 65536) return buffer;
  // Pass 2: high 16 bits, buffer in, order out.
  counts.fill(0);
  for (let a = 0; a < count; a++) counts[(keys[a] >>> 16) + 1]++;
  for (let d = 0; d < 65536; d++) counts[d + 1] += counts[d];
  for (let k = 0; k < count; k++) {
    const a = buffer[k];
    order[counts[keys[a] >>> 16]++] = a;
  }
  return order;
}
