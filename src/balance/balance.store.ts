import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryReturning } from '../common/query-returning';
import { cellDeltas, type ContributionRow } from './balance-delta';
import {
  FLOW_MEASURES,
  flowContributionsSql,
  REGION_MEASURES,
  regionContributionsSql,
} from './balance-contributions.sql';

/** The sources an event touched, by kind (ids; the rows are re-read). */
export interface BalanceSources {
  listingIds: string[];
  requestIds: string[];
  matchIds: string[];
}

export interface RebuildOutcome {
  sources: number;
  regionCells: number;
  flowCells: number;
  ms: number;
}

interface TableShape {
  cells: string;
  contributions: string;
  keys: readonly string[];
  measures: readonly string[];
}

const REGION: TableShape = {
  cells: 'balance_region_weeks',
  contributions: 'balance_region_contributions',
  keys: ['region_code', 'commodity_code', 'week_start', 'level'],
  measures: REGION_MEASURES,
};
const FLOW: TableShape = {
  cells: 'balance_flow_weeks',
  contributions: 'balance_flow_contributions',
  keys: ['origin_code', 'destination_code', 'commodity_code', 'week_start', 'level'],
  measures: FLOW_MEASURES,
};

type Row = Record<string, string | number>;

/**
 * Owner of the balance tables. `refresh` is what the projector calls per event; `rebuild` is the
 * operator's way to recompute everything from the base tables (after a restore, or a change of
 * definition). The invariant both keep: every cell is the sum of the contributions stored for it.
 */
@Injectable()
export class BalanceStore {
  private readonly logger = new Logger(BalanceStore.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Recomputes what the given sources contribute and applies the difference to the cells, in one
   * transaction under the sources' row locks. Idempotent: a second call with nothing changed in
   * the base tables finds the same contribution and changes nothing, so an event delivered twice
   * (BullMQ is at-least-once) never counts twice.
   */
  async refresh(sources: BalanceSources): Promise<void> {
    const ids = [
      ...sources.listingIds.map((id) => [id, 'listing'] as const),
      ...sources.requestIds.map((id) => [id, 'request'] as const),
      ...sources.matchIds.map((id) => [id, 'match'] as const),
    ].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (ids.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      // The lock: ON CONFLICT DO UPDATE takes each source's row lock, in id order.
      await manager.query(
        `INSERT INTO balance_sources (source_id, source_type, refreshed_at)
         SELECT id, type, now() FROM unnest($1::uuid[], $2::varchar[]) AS s(id, type) ORDER BY id
         ON CONFLICT (source_id) DO UPDATE SET refreshed_at = now()`,
        [ids.map((i) => i[0]), ids.map((i) => i[1])],
      );
      const all = ids.map((i) => i[0]);
      await this.replace(manager, REGION, all, regionContributionsSql('given'), [
        sources.listingIds,
        sources.requestIds,
        sources.matchIds,
      ]);
      await this.replace(manager, FLOW, sources.matchIds, flowContributionsSql('given'), [
        sources.matchIds,
      ]);
    });
  }

  private async replace(
    manager: EntityManager,
    shape: TableShape,
    sourceIds: string[],
    freshSql: string,
    params: string[][],
  ): Promise<void> {
    if (sourceIds.length === 0) return;
    const columns = [...shape.keys, ...shape.measures].join(', ');
    // Dates as text: pg would make them Dates at the server's local midnight.
    const returning = columns.replace('week_start', 'week_start::text AS week_start');
    const before = await queryReturning<Row>(
      manager,
      `DELETE FROM ${shape.contributions} WHERE source_id = ANY($1::uuid[]) RETURNING ${returning}`,
      [sourceIds],
    );
    const after = await queryReturning<Row>(
      manager,
      `INSERT INTO ${shape.contributions} (source_id, ${columns})
       SELECT source_id, ${columns} FROM (${freshSql}) fresh RETURNING ${returning}`,
      params,
    );
    const deltas = cellDeltas(toRows(before, shape), toRows(after, shape));
    if (deltas.length === 0) return;
    const keys = shape.keys.join(', ');
    const conflict = shape.keys.filter((k) => k !== 'level').join(', ');
    const values = deltas.map((_, i) => {
      const base = i * (shape.keys.length + shape.measures.length);
      const cells = [...shape.keys, ...shape.measures].map((column, j) => {
        const cast =
          column === 'week_start' ? '::date' : shape.measures.includes(column) ? '::bigint' : '';
        return `$${base + j + 1}${cast}`;
      });
      return `(${cells.join(', ')})`;
    });
    await manager.query(
      `INSERT INTO ${shape.cells} AS c (${columns}) VALUES ${values.join(', ')}
       ON CONFLICT (${conflict}) DO UPDATE SET
       ${shape.measures.map((m) => `${m} = c.${m} + EXCLUDED.${m}`).join(', ')}`,
      deltas.flatMap((d) => [...d.key, ...d.values]),
    );
    // A cell nothing contributes to any more (a listing moved to another week) disappears, as it
    // would from a rebuild.
    await manager.query(
      `DELETE FROM ${shape.cells} WHERE (${keys}) IN (${deltas
        .map((_, i) => {
          const base = i * shape.keys.length;
          return `(${shape.keys.map((k, j) => `$${base + j + 1}${k === 'week_start' ? '::date' : ''}`).join(', ')})`;
        })
        .join(', ')}) AND ${shape.measures.map((m) => `${m} = 0`).join(' AND ')}`,
      deltas.flatMap((d) => [...d.key]),
    );
  }

  /**
   * Recomputes every contribution and cell from the base tables in one transaction. The projector
   * waits meanwhile (the sources table is locked), and readers wait for the truncation to commit:
   * an operator's command for a quiet moment (seconds at a year of national trade).
   */
  async rebuild(): Promise<RebuildOutcome> {
    const started = Date.now();
    const outcome = await this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE balance_sources IN EXCLUSIVE MODE`);
      await manager.query(
        `TRUNCATE balance_region_contributions, balance_flow_contributions,
                  balance_region_weeks, balance_flow_weeks, balance_sources`,
      );
      await manager.query(
        `INSERT INTO balance_sources (source_id, source_type, refreshed_at)
         SELECT id, 'listing', now() FROM supply_listings
         UNION ALL SELECT id, 'request', now() FROM demand_requests
         UNION ALL SELECT id, 'match', now() FROM matches WHERE status IN ('proposed', 'confirmed')`,
      );
      for (const [shape, sql] of [
        [REGION, regionContributionsSql('all')],
        [FLOW, flowContributionsSql('all')],
      ] as const) {
        const columns = [...shape.keys, ...shape.measures].join(', ');
        await manager.query(
          `INSERT INTO ${shape.contributions} (source_id, ${columns})
           SELECT source_id, ${columns} FROM (${sql}) fresh`,
        );
        await manager.query(
          `INSERT INTO ${shape.cells} (${columns})
           SELECT ${shape.keys.join(', ')}, ${shape.measures.map((m) => `sum(${m})`).join(', ')}
             FROM ${shape.contributions} GROUP BY ${shape.keys.join(', ')}`,
        );
      }
      const [counts] = await manager.query<
        { sources: string; region_cells: string; flow_cells: string }[]
      >(
        `SELECT (SELECT count(*) FROM balance_sources) AS sources,
                (SELECT count(*) FROM balance_region_weeks) AS region_cells,
                (SELECT count(*) FROM balance_flow_weeks) AS flow_cells`,
      );
      return {
        sources: Number(counts.sources),
        regionCells: Number(counts.region_cells),
        flowCells: Number(counts.flow_cells),
      };
    });
    await this.dataSource.query(`ANALYZE balance_region_weeks, balance_flow_weeks`);
    const ms = Date.now() - started;
    this.logger.log({ ...outcome, ms }, 'balance rebuilt from the base tables');
    return { ...outcome, ms };
  }
}

function toRows(rows: Row[], shape: TableShape): ContributionRow[] {
  return rows.map((row) => ({
    key: shape.keys.map((k) => String(row[k])),
    values: shape.measures.map((m) => Number(row[m])),
  }));
}
