import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, type FieldProblem } from '../common/domain-error';
import { DEFAULT_PAGE_SIZE, invalidCursor, type Page } from '../common/pagination';
import { FLOW_MEASURES, REGION_MEASURES } from './balance-contributions.sql';
import { isoWeekLabel, weekStartOf, zoneOfRegion } from './balance-week';
import type { BalanceFlowView, BalanceQuery, BalanceRowView } from './balance.dto';
import type { BalanceLevel } from './balance.entities';

const JSON_MAX_LIMIT = 100;

interface Filters {
  level: BalanceLevel;
  regionCode: string | null;
  commodityCode: string | null;
  fromWeek: string | null;
  toWeek: string | null;
  limit: number;
  after: string[] | null;
}

type CellRow = Record<string, string>;

/**
 * Reads the balance (neraca) from the weekly aggregates: filters checked against the reference
 * tables (a 400 naming the field, never an empty page for a typo), keyset pages in (week, region,
 * commodity) order so that a page is an index range whatever the filters.
 */
@Injectable()
export class BalanceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async regions(query: BalanceQuery, csv: boolean): Promise<Page<BalanceRowView>> {
    const f = await this.filters(query, csv, 3);
    const params: unknown[] = [f.level];
    const where = ['w.level = $1', ...this.common(f, params, 'w')];
    if (f.regionCode) {
      params.push(f.regionCode);
      where.push(
        `w.region_code IN (SELECT code FROM regions WHERE code = $${params.length} OR province_code = $${params.length})`,
      );
    }
    if (f.after) {
      params.push(...f.after);
      const n = params.length;
      where.push(
        `(w.week_start, w.region_code, w.commodity_code) > ($${n - 2}::date, $${n - 1}, $${n})`,
      );
    }
    params.push(f.limit + 1);
    const rows = await this.dataSource.query<CellRow[]>(
      `SELECT w.region_code, r.name AS region_name, w.level, w.commodity_code,
              c.name_id AS commodity_name, c.unit, w.week_start::text AS week_start,
              ${REGION_MEASURES.map((m) => `w.${m}`).join(', ')}
         FROM balance_region_weeks w
         JOIN regions r ON r.code = w.region_code
         JOIN commodities c ON c.code = w.commodity_code
        WHERE ${where.join(' AND ')}
        ORDER BY w.week_start, w.region_code, w.commodity_code
        LIMIT $${params.length}`,
      params,
    );
    return page(rows, f.limit, toRegionView, (r) => [
      r.week_start,
      r.region_code,
      r.commodity_code,
    ]);
  }

  async flows(query: BalanceQuery, csv: boolean): Promise<Page<BalanceFlowView>> {
    const f = await this.filters(query, csv, 4);
    const params: unknown[] = [f.level];
    const where = ['w.level = $1', ...this.common(f, params, 'w')];
    if (f.regionCode) {
      params.push(f.regionCode);
      const n = params.length;
      const codes = `(SELECT code FROM regions WHERE code = $${n} OR province_code = $${n})`;
      where.push(`(w.origin_code IN ${codes} OR w.destination_code IN ${codes})`);
    }
    if (f.after) {
      params.push(...f.after);
      const n = params.length;
      where.push(
        `(w.week_start, w.origin_code, w.destination_code, w.commodity_code) > ($${n - 3}::date, $${n - 2}, $${n - 1}, $${n})`,
      );
    }
    params.push(f.limit + 1);
    const rows = await this.dataSource.query<CellRow[]>(
      `SELECT w.origin_code, ro.name AS origin_name, w.destination_code, rd.name AS destination_name,
              w.level, w.commodity_code, c.unit, w.week_start::text AS week_start,
              ${FLOW_MEASURES.map((m) => `w.${m}`).join(', ')}
         FROM balance_flow_weeks w
         JOIN regions ro ON ro.code = w.origin_code
         JOIN regions rd ON rd.code = w.destination_code
         JOIN commodities c ON c.code = w.commodity_code
        WHERE ${where.join(' AND ')}
        ORDER BY w.week_start, w.origin_code, w.destination_code, w.commodity_code
        LIMIT $${params.length}`,
      params,
    );
    return page(rows, f.limit, toFlowView, (r) => [
      r.week_start,
      r.origin_code,
      r.destination_code,
      r.commodity_code,
    ]);
  }

  private common(f: Filters, params: unknown[], alias: string): string[] {
    const where: string[] = [];
    if (f.commodityCode) {
      params.push(f.commodityCode);
      where.push(`${alias}.commodity_code = $${params.length}`);
    }
    if (f.fromWeek) {
      params.push(f.fromWeek);
      where.push(`${alias}.week_start >= $${params.length}::date`);
    }
    if (f.toWeek) {
      params.push(f.toWeek);
      where.push(`${alias}.week_start <= $${params.length}::date`);
    }
    return where;
  }

  /** Checks the filters together, naming every field at fault in one 400. */
  private async filters(query: BalanceQuery, csv: boolean, cursorParts: number): Promise<Filters> {
    const problems: FieldProblem[] = [];
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (!csv && limit > JSON_MAX_LIMIT) {
      problems.push({
        field: 'limit',
        message: `limit must not be greater than ${JSON_MAX_LIMIT}`,
      });
    }
    const fromWeek = query.from ? weekStartOf(query.from) : null;
    const toWeek = query.to ? weekStartOf(query.to) : null;
    if (query.from && !fromWeek)
      problems.push({ field: 'from', message: `${query.from} is not an ISO week` });
    if (query.to && !toWeek)
      problems.push({ field: 'to', message: `${query.to} is not an ISO week` });
    if (fromWeek && toWeek && fromWeek > toWeek) {
      problems.push({ field: 'to', message: 'to must not be before from' });
    }
    const [region] = query.regionCode
      ? await this.dataSource.query<{ type: string }[]>(
          `SELECT type FROM regions WHERE code = $1`,
          [query.regionCode],
        )
      : [];
    if (query.regionCode && !region) {
      problems.push({ field: 'regionCode', message: `no region has code ${query.regionCode}` });
    }
    const regionLevel: BalanceLevel | null = region
      ? region.type === 'province'
        ? 'province'
        : 'regency'
      : null;
    const level = query.level ?? regionLevel ?? 'province';
    if (regionLevel === 'regency' && level === 'province') {
      problems.push({
        field: 'level',
        message: `${query.regionCode} is a regency or city: ask its province (${query.regionCode!.slice(0, 2)}) for the province level`,
      });
    }
    if (query.commodityCode) {
      const [commodity] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM commodities WHERE code = $1`,
        [query.commodityCode],
      );
      if (!commodity) {
        problems.push({
          field: 'commodityCode',
          message: `no commodity has code ${query.commodityCode}`,
        });
      }
    }
    if (problems.length) throw DomainError.validation(problems);
    return {
      level,
      regionCode: query.regionCode ?? null,
      commodityCode: query.commodityCode ?? null,
      fromWeek,
      toWeek,
      limit,
      after: decodeCellCursor(query.cursor, cursorParts),
    };
  }
}

const CODE = /^(\d{2}(\.\d{2})?|[a-z][a-z0-9_]{1,63})$/;

function encodeCellCursor(parts: string[]): string {
  return Buffer.from(parts.join('|')).toString('base64url');
}

function decodeCellCursor(cursor: string | undefined, parts: number): string[] | null {
  if (!cursor) return null;
  const values = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [week, ...codes] = values;
  if (
    values.length !== parts ||
    !/^\d{4}-\d{2}-\d{2}$/.test(week) ||
    Number.isNaN(Date.parse(week)) ||
    !codes.every((c) => CODE.test(c))
  ) {
    throw invalidCursor();
  }
  return values;
}

function page<T>(
  rows: CellRow[],
  limit: number,
  view: (row: CellRow) => T,
  position: (row: CellRow) => string[],
): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    nextCursor: hasMore && last ? encodeCellCursor(position(last)) : null,
  };
}

function toRegionView(r: CellRow): BalanceRowView {
  const supplyPosted = Number(r.supply_posted);
  const demandPosted = Number(r.demand_posted);
  const surplus = supplyPosted - demandPosted;
  return {
    regionCode: r.region_code,
    regionName: r.region_name,
    level: r.level as BalanceLevel,
    timeZone: zoneOfRegion(r.region_code),
    commodityCode: r.commodity_code,
    commodityName: r.commodity_name,
    unit: r.unit,
    week: isoWeekLabel(r.week_start),
    weekStart: r.week_start,
    supplyPosted,
    demandPosted,
    proposedIn: Number(r.proposed_in),
    proposedOut: Number(r.proposed_out),
    confirmedIn: Number(r.confirmed_in),
    confirmedOut: Number(r.confirmed_out),
    deliveredIn: Number(r.delivered_in),
    deliveredOut: Number(r.delivered_out),
    surplus,
    position: surplus > 0 ? 'surplus' : surplus < 0 ? 'deficit' : 'balanced',
  };
}

const tonnes = (units: number) => Math.round(units) / 1000;

function toFlowView(r: CellRow): BalanceFlowView {
  const proposed = Number(r.proposed);
  const confirmed = Number(r.confirmed);
  const delivered = Number(r.delivered);
  return {
    originCode: r.origin_code,
    originName: r.origin_name,
    destinationCode: r.destination_code,
    destinationName: r.destination_name,
    level: r.level as BalanceLevel,
    commodityCode: r.commodity_code,
    unit: r.unit,
    week: isoWeekLabel(r.week_start),
    weekStart: r.week_start,
    proposedQuantity: proposed,
    confirmedQuantity: confirmed,
    deliveredQuantity: delivered,
    proposedTonnes: tonnes(proposed),
    confirmedTonnes: tonnes(confirmed),
    deliveredTonnes: tonnes(delivered),
  };
}
