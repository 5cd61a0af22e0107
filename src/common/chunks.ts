/**
 * PostgreSQL's wire protocol counts a statement's bind parameters in 16 bits: a statement with
 * more than 65,535 fails (the pg driver even sends a wrapped count). Multi-row writes whose size
 * grows with the market are cut into statements that stay below it, with room to spare.
 */
export const MAX_BIND_PARAMETERS = 65_535;

/** Rows per statement for a multi-row INSERT with `columns` parameters a row. */
export function rowsPerStatement(columns: number, limit = MAX_BIND_PARAMETERS): number {
  if (!Number.isInteger(columns) || columns <= 0) throw new RangeError('columns must be positive');
  return Math.max(1, Math.floor((limit - 1) / columns));
}

/** Consecutive slices of at most `size` items, in order (none for an empty list). */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError('size must be positive');
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
