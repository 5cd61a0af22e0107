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

  pushRepeated(value: number, count: number): void {
    while (this.length + count > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data.fill(value, this.length, this.length + count);
    this.length += count;
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

  /** toArray(), then empty with its buffer let go (see GrowableFloat64.take). */
  take(): Int32Array {
    const taken = this.toArray();
    this.data = new Int32Array(1024);
    this.length = 0;
    return taken;
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

  /**
   * toArray(), then empty with its buffer let go: a caller copying several large arrays out one
   * after the other holds each buffer and its copy at once, not all buffers and all copies (the
   * arcs of a 10,000 x 10,000 build: 536 MB of buffers, 336 MB of copies).
   */
  take(): Float64Array {
    const taken = this.toArray();
    this.data = new Float64Array(1024);
    this.length = 0;
    return taken;
  }
}
