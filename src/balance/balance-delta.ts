/**
 * The difference a source's new contribution makes to the aggregate cells: new rows minus old,
 * summed per cell, zero cells dropped, sorted by key so that every transaction locks cells in
 * the same order (two workers never deadlock on them). Pure, so that the idempotence argument
 * (same rows in, nothing out) is unit-tested.
 */
export interface ContributionRow {
  /** The cell's key columns, in table order. */
  key: readonly string[];
  /** The measures, in table order. */
  values: readonly number[];
}

export interface CellDelta {
  key: readonly string[];
  values: number[];
}

export function cellDeltas(
  before: readonly ContributionRow[],
  after: readonly ContributionRow[],
): CellDelta[] {
  const cells = new Map<string, CellDelta>();
  const add = (row: ContributionRow, sign: 1 | -1) => {
    const id = JSON.stringify(row.key);
    let cell = cells.get(id);
    if (!cell) {
      cell = { key: row.key, values: row.values.map(() => 0) };
      cells.set(id, cell);
    }
    row.values.forEach((value, i) => (cell.values[i] += sign * value));
  };
  for (const row of before) add(row, -1);
  for (const row of after) add(row, 1);
  return [...cells.values()]
    .filter((cell) => cell.values.some((v) => v !== 0))
    .sort((a, b) => compareKeys(a.key, b.key));
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}
