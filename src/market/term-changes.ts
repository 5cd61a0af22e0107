import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';

type Term = string | number | Date | null;

const same = (a: Term, b: Term): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/** The terms (in the order given) whose value differs between two versions of a row. */
export function changedTerms<T extends object>(
  before: T,
  after: T,
  terms: readonly (keyof T & string)[],
): string[] {
  return terms.filter((term) => !same(before[term] as Term, after[term] as Term));
}

/**
 * Quantity can shrink only down to what trades have taken (cancelled trades gave theirs back):
 * 409 naming each trade, so that the owner knows which deals hold the quantity.
 */
export async function assertQuantityCoversTrades(
  manager: EntityManager,
  side: 'listing' | 'request',
  id: string,
  quantity: number,
  taken: number,
): Promise<void> {
  if (quantity >= taken) return;
  // A listing gives the units shipped, a request receives the units expected to arrive.
  const [column, takenColumn] =
    side === 'listing'
      ? ['supply_listing_id', 'quantity']
      : ['demand_request_id', 'quantity_delivered'];
  const trades = await manager.query<{ id: string; quantity: number; status: string }[]>(
    `SELECT id, ${takenColumn} AS quantity, status FROM trades WHERE ${column} = $1 AND status <> 'cancelled'
      ORDER BY created_at, id`,
    [id],
  );
  throw new DomainError(
    409,
    'QUANTITY_BELOW_TRADED',
    `quantity cannot go below the ${taken} already taken by trades ${trades.map((t) => t.id).join(', ')}`,
    trades.map((t) => ({
      field: 'quantity',
      message: `trade ${t.id} (${t.status}) took ${t.quantity}`,
    })),
  );
}
