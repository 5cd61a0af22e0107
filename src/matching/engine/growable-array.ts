/** Append-only typed arrays for the arc lists: a few bytes per arc instead of an object each. */
export class GrowableInt32 {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index];
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class GrowableFloat64 {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index];
  }

  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** What the arc scans append to: a growable array, or a chunked list for a whole build. */
export interface NumberSink {
  readonly length: number;
  push(value: number): void;
}

/**
 * The largest chunk, in bytes: glibc's malloc serves requests of 32 MiB and more (its largest
 * dynamic mmap threshold on 64-bit) with mmap and gives them back to the system when freed,
 * where smaller ones freed in bulk stayed in the process (a build with 4 MB chunks left the worker
 * at its peak for good).
 */
const MAX_CHUNK_BYTES = 32 * 1024 * 1024;
const FIRST_CHUNK = 1024;

/**
 * An append-only list in chunks, each twice the last up to 32 MiB, for a build's arc lists: it
 * never copies what it holds to grow (a doubling array holds up to twice its elements, and both
 * buffers while it grows), and hands over one exact-size array at the end. At 21 million arcs
 * (10,000 x 10,000 chili) the doubling lists reached 402 MB of buffers for 252 MB of arcs, and
 * the build's peak held them beside the copies the engine takes.
 */
class ChunkedList<T extends Int32Array | Float64Array> implements NumberSink {
  private full: T[] = [];
  private chunk: T;
  private used = 0;
  length = 0;

  /**
   * `expected`: the number of elements when the caller knows it (a build copying another's arcs).
   * The list is then one array of that size, which `take` hands over as it is: no copy beside
   * the chunks, and no chunks left to the garbage collector (252 MB of arcs at 21 million, still
   * held when the solve that follows allocated its own arrays: the worker's peak).
   */
  constructor(
    private readonly make: (length: number) => T,
    expected?: number,
  ) {
    this.chunk = make(expected ?? FIRST_CHUNK);
  }

  push(value: number): void {
    if (this.used === this.chunk.length) {
      this.full.push(this.chunk);
      const most = MAX_CHUNK_BYTES / this.chunk.BYTES_PER_ELEMENT;
      this.chunk = this.make(Math.min(Math.max(FIRST_CHUNK, 2 * this.chunk.length), most));
      this.used = 0;
    }
    this.chunk[this.used++] = value;
    this.length++;
  }

  /** The elements in one exact-size array; the list is empty afterwards, its chunks let go. */
  take(): T {
    if (this.full.length === 0 && this.used === this.chunk.length) {
      const whole = this.chunk;
      this.chunk = this.make(FIRST_CHUNK);
      this.used = 0;
      this.length = 0;
      return whole;
    }
    const taken = this.make(this.length);
    let at = 0;
    for (const chunk of this.full) {
      taken.set(chunk, at);
      at += chunk.length;
    }
    taken.set(this.chunk.subarray(0, this.used), at);
    this.full = [];
    this.chunk = this.make(FIRST_CHUNK);
    this.used = 0;
    this.length = 0;
    return taken;
  }
}

export class ChunkedInt32 extends ChunkedList<Int32Array> {
  constructor(expected?: number) {
    super((length) => new Int32Array(length), expected);
  }
}

export class ChunkedFloat64 extends ChunkedList<Float64Array> {
  constructor(expected?: number) {
    super((length) => new Float64Array(length), expected);
  }
}
