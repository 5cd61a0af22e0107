/**
 * Values per (origin region, destination region, lot band), filled on first use. A row is
 * allocated when its origin is first set: markets ask for the few origins their listings come
 * from, where a dense table of every pair (552 x 552 regions x 6 bands, 1.8 million slots, 14 MB)
 * was allocated and filled with each network. Reading costs one more load than a dense table
 * (about 50 ns per lookup measured): fine for the network's options, which RouteTable reads once
 * per route, not for RouteTable's own routes, which every solve reads per arc (kept dense).
 */
export class PairCache<T> {
  private readonly rows: ((T | undefined)[] | undefined)[];

  constructor(
    private readonly regionCount: number,
    private readonly bandCount: number,
  ) {
    this.rows = new Array<(T | undefined)[] | undefined>(regionCount).fill(undefined);
  }

  get(origin: number, destination: number, band: number): T | undefined {
    const row = this.rows[origin];
    return row === undefined ? undefined : row[destination * this.bandCount + band];
  }

  set(origin: number, destination: number, band: number, value: T): void {
    let row = this.rows[origin];
    if (row === undefined) {
      // fill() keeps the row in V8's fast (packed) mode; a large `new Array(n)` starts sparse.
      row = new Array<T | undefined>(this.regionCount * this.bandCount).fill(undefined);
      this.rows[origin] = row;
    }
    row[destination * this.bandCount + band] = value;
  }
}
