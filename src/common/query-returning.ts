import type { EntityManager } from 'typeorm';

/**
 * TypeORM's postgres driver answers a raw UPDATE/DELETE ... RETURNING with [rows, rowCount]
 * instead of the rows; this gives the rows for every statement kind.
 */
export async function queryReturning<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
