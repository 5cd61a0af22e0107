import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from './domain-error';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keyset position: newest first by (createdAt, id), stable under concurrent inserts. */
export interface Position {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What encodeCursor writes: a plain ISO timestamp (four-digit year) and a UUID. */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/i;
/** Rows are never older than this; an earlier or later date is not a cursor we issued. */
const OLDEST = Date.UTC(2000, 0, 1);
const NEWEST = Date.UTC(9999, 11, 31);

export const invalidCursor = (): DomainError =>
  DomainError.validation([{ field: 'cursor', message: 'cursor is not a valid page cursor' }]);

export function decodeCursor(cursor: string | undefined): Position | null {
  if (!cursor) return null;
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const createdAt = new Date(match?.[1] ?? '');
  const time = createdAt.getTime();
  if (!match || !UUID.test(match[2]) || !(time >= OLDEST && time <= NEWEST)) throw invalidCursor();
  return { createdAt, id: match[2] };
}

const INT64_MAX = 9223372036854775807n;

/** A seq cursor (inbox): a decimal bigint PostgreSQL can hold. */
export function decodeSeqCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  if (!/^\d{1,19}$/.test(cursor) || BigInt(cursor) > INT64_MAX) throw invalidCursor();
  return cursor;
}

/** Takes limit + 1 rows from the repository and turns the extra one into nextCursor. */
export function toPage<Row extends Position, T>(
  rows: Row[],
  limit: number,
  map: (row: Row) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: hasMore && last ? encodeCursor(last) : null };
}

export const DEFAULT_PAGE_SIZE = 20;

/**
 * One page of a query, newest first by (created_at, id) of `alias`: the keyset pagination every
 * list endpoint shares. Filters go on `qb` before; ordering and the cursor are added here.
 */
export async function keysetPage<Row extends ObjectLiteral & Position, T>(
  qb: SelectQueryBuilder<Row>,
  alias: string,
  query: PageQuery,
  view: (row: Row) => T,
): Promise<Page<T>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = decodeCursor(query.cursor);
  qb.orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(limit + 1);
  if (after) {
    qb.andWhere(`(${alias}.created_at, ${alias}.id) < (:afterAt, :afterId)`, {
      afterAt: after.createdAt,
      afterId: after.id,
    });
  }
  return toPage(await qb.getMany(), limit, view);
}
