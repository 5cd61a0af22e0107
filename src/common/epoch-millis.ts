/**
 * A timestamp column read as epoch milliseconds: a float8, which pg hands over as a number, so a
 * query of thousands of rows does not parse a Date from text per row only to take its getTime().
 * Floored, as a Date drops the microseconds PostgreSQL stores: both give the same number.
 */
export const epochMillis = (column: string): string =>
  `floor(extract(epoch FROM ${column}) * 1000)::float8`;
