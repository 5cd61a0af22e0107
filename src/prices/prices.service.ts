import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog, type Actor } from '../admin/audit-log.service';
import { DomainError } from '../common/domain-error';
import { keysetPage, Page, PageQuery } from '../common/pagination';
import { DomainEvents } from '../events/domain-events';
import { OutboxWriter } from '../outbox/outbox.writer';
import { ReferenceService } from '../reference/reference.service';
import { parseObservationCsv, type ObservationRow } from './observation-csv';
import { PriceReference, PriceZone } from './price-reference.entities';
import {
  CreatePriceReferenceDto,
  ObservationImportView,
  PriceReferenceQuery,
  PriceReferenceView,
  PriceSpikeView,
  PriceZoneView,
} from './prices.dto';
import { NATIONAL_ZONE, provinceOf, wibDate } from './reference-band';
import { judgeSeries, type SeriesPoint } from './spike-rule';

const percentAbove = (price: number, median: number) =>
  Math.round(((price - median) / median) * 1000) / 10;

/**
 * Reference prices (HAP/HET) and the price observations of the public panels (#12 point 3).
 * Versions are appended, never updated; an import is all or nothing and idempotent; a spike is
 * stored and its event written in the import's transaction, so it is told exactly once.
 */
@Injectable()
export class PricesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly outbox: OutboxWriter,
  ) {}

  /** By code; the cursor is the last code of the previous page. */
  async zones(query: PageQuery): Promise<Page<PriceZoneView>> {
    const limit = query.limit ?? 20;
    const after = query.cursor ? Buffer.from(query.cursor, 'base64url').toString('utf8') : '';
    const zones = await this.dataSource
      .getRepository(PriceZone)
      .createQueryBuilder('z')
      .where('z.code > :after', { after })
      .orderBy('z.code', 'ASC')
      .take(limit + 1)
      .getMany();
    const items = zones.slice(0, limit).map((z) => ({ ...z }));
    return {
      items,
      nextCursor:
        zones.length > limit
          ? Buffer.from(items[items.length - 1].code).toString('base64url')
          : null,
    };
  }

  /** Every version, newest entered first, each marked whether it is in force today. */
  async list(query: PriceReferenceQuery): Promise<Page<PriceReferenceView>> {
    const qb = this.dataSource.getRepository(PriceReference).createQueryBuilder('p');
    if (query.commodityCode) qb.andWhere('p.commodity_code = :c', { c: query.commodityCode });
    if (query.regionCode) {
      qb.andWhere(
        `(p.zone_code = :national OR p.zone_code IN
           (SELECT code FROM price_zones WHERE :province = ANY(province_codes)))`,
        { national: NATIONAL_ZONE, province: provinceOf(query.regionCode) },
      );
    }
    const inForce = await this.inForceIds(wibDate(new Date()));
    return keysetPage(qb, 'p', query, (row) => PriceReferenceView.from(row, inForce.has(row.id)));
  }

  /** Ids of the versions in force on a day: the latest effective one per series. */
  private async inForceIds(on: string): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT DISTINCT ON (commodity_code, zone_code, level, kind) id
         FROM price_references WHERE effective_from <= $1
        ORDER BY commodity_code, zone_code, level, kind, effective_from DESC`,
      [on],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** A new version; the one it follows stays in the history. Same series and day: 409. */
  async create(dto: CreatePriceReferenceDto, actor: Actor): Promise<PriceReferenceView> {
    const problems = [];
    if (!this.reference.commodity(dto.commodityCode))
      problems.push({ field: 'commodityCode', message: `unknown commodity ${dto.commodityCode}` });
    const zone = await this.dataSource.getRepository(PriceZone).findOneBy({ code: dto.zoneCode });
    if (!zone) problems.push({ field: 'zoneCode', message: `unknown price zone ${dto.zoneCode}` });
    const day = new Date(`${dto.effectiveFrom}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== dto.effectiveFrom)
      problems.push({ field: 'effectiveFrom', message: 'effectiveFrom is not a calendar date' });
    const low = dto.lowPerUnit ?? null;
    if (low !== null && low > dto.highPerUnit)
      problems.push({ field: 'lowPerUnit', message: 'lowPerUnit must not exceed highPerUnit' });
    if (dto.kind === 'HET' && low !== null)
      problems.push({ field: 'lowPerUnit', message: 'a HET is a ceiling: it has no floor' });
    if (problems.length > 0) throw DomainError.validation(problems);

    const row = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PriceReference)
        .values({
          commodityCode: dto.commodityCode,
          zoneCode: dto.zoneCode,
          level: dto.level,
          kind: dto.kind,
          lowPerUnit: low,
          highPerUnit: dto.highPerUnit,
          effectiveFrom: dto.effectiveFrom,
          regulation: dto.regulation.trim(),
          source: dto.source.trim(),
          createdBy: actor.userId,
        })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (!id)
        throw DomainError.conflict(
          'PRICE_REFERENCE_EXISTS',
          `a ${dto.kind} for ${dto.commodityCode}, zone ${dto.zoneCode}, ${dto.level} level, effective ${dto.effectiveFrom} exists: versions are never overwritten; enter one with another effectiveFrom`,
        );
      await this.outbox.append(manager, [
        DomainEvents.priceReferenceChanged(id, dto.commodityCode),
      ]);
      await AuditLog.append(manager, actor, {
        action: 'price_reference.created',
        targetType: 'price_reference',
        targetId: id,
        targetLabel: `${dto.kind} ${dto.commodityCode} ${dto.zoneCode} ${dto.level} from ${dto.effectiveFrom}: ${low ?? '-'}-${dto.highPerUnit}`,
      });
      return manager.getRepository(PriceReference).findOneByOrFail({ id });
    });
    const inForce = await this.inForceIds(wibDate(new Date()));
    return PriceReferenceView.from(row, inForce.has(row.id));
  }

  /** Imports a panel export: every row valid or nothing stored; rows already there are skipped. */
  async importObservations(csv: string): Promise<ObservationImportView> {
    const { rows, problems } = parseObservationCsv(csv, {
      regionCode: (value) => this.regionCode(value),
      commodityCode: (value) => this.commodityCode(value),
    });
    if (problems.length > 0) throw DomainError.validation(problems.slice(0, 100));

    return this.dataSource.transaction(async (manager) => {
      // One import at a time: spike verdicts read the series another import may be writing.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('price-observations'))`);
      const stored = await this.storedSeries(manager, rows);
      const conflicts = rows.filter((r) => {
        const existing = stored.get(seriesKey(r))?.find((p) => p.observedOn === r.observedOn);
        return existing !== undefined && existing.pricePerUnit !== r.pricePerUnit;
      });
      if (conflicts.length > 0)
        throw new DomainError(
          409,
          'OBSERVATION_CONFLICT',
          'some rows give another price for a region, commodity and day already imported: nothing was imported',
          conflicts.slice(0, 100).map((r) => ({
            field: `row ${r.row}.price`,
            message: `${r.commodityCode} in ${r.regionCode} on ${r.observedOn} was imported at ${stored.get(seriesKey(r))!.find((p) => p.observedOn === r.observedOn)!.pricePerUnit}`,
          })),
        );
      const fresh = rows.filter(
        (r) => !stored.get(seriesKey(r))?.some((p) => p.observedOn === r.observedOn),
      );
      const spikes = await this.store(manager, fresh, stored);
      return {
        received: rows.length,
        imported: fresh.length,
        unchanged: rows.length - fresh.length,
        spikes,
      };
    });
  }

  private regionCode(value: string): string | null {
    if (this.reference.region(value)) return value;
    const byName = this.reference
      .searchRegions({ q: value })
      .filter((r) => r.name.toLowerCase() === value.toLowerCase());
    return byName.length === 1 ? byName[0].code : null;
  }

  private commodityCode(value: string): string | null {
    if (this.reference.commodity(value)) return value;
    const lower = value.toLowerCase();
    return (
      this.reference.listCommodities().find((c) => c.nameId.toLowerCase() === lower)?.code ?? null
    );
  }

  /** The stored observations of the series the rows touch, 28 days before their first day on. */
  private async storedSeries(
    manager: EntityManager,
    rows: ObservationRow[],
  ): Promise<Map<string, SeriesPoint[]>> {
    const series = new Map<string, SeriesPoint[]>();
    if (rows.length === 0) return series;
    const first = rows.reduce((m, r) => (r.observedOn < m ? r.observedOn : m), rows[0].observedOn);
    const found = await manager.query<
      {
        region_code: string;
        commodity_code: string;
        observed_on: string;
        price_per_unit: number;
        spike: boolean;
      }[]
    >(
      `SELECT region_code, commodity_code, to_char(observed_on, 'YYYY-MM-DD') AS observed_on,
              price_per_unit, spike
         FROM price_observations
        WHERE (region_code, commodity_code) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[]))
          AND observed_on >= $3::date - 28`,
      [rows.map((r) => r.regionCode), rows.map((r) => r.commodityCode), first],
    );
    for (const f of found) {
      const key = `${f.region_code}|${f.commodity_code}`;
      const points = series.get(key) ?? [];
      points.push({ observedOn: f.observed_on, pricePerUnit: f.price_per_unit, spike: f.spike });
      series.set(key, points);
    }
    return series;
  }

  private async store(
    manager: EntityManager,
    fresh: ObservationRow[],
    stored: Map<string, SeriesPoint[]>,
  ): Promise<PriceSpikeView[]> {
    const bySeries = new Map<string, ObservationRow[]>();
    for (const r of fresh) bySeries.set(seriesKey(r), [...(bySeries.get(seriesKey(r)) ?? []), r]);
    const spikeDays = new Set<string>();
    const told: PriceSpikeView[] = [];
    for (const [key, points] of bySeries) {
      const [regionCode, commodityCode] = key.split('|');
      for (const verdict of judgeSeries(stored.get(key) ?? [], points)) {
        if (verdict.spike) spikeDays.add(`${key}|${verdict.observedOn}`);
        if (verdict.notify)
          told.push({
            regionCode,
            commodityCode,
            observedOn: verdict.observedOn,
            pricePerUnit: verdict.pricePerUnit,
            medianPerUnit: verdict.medianPerUnit,
            percentAboveMedian: percentAbove(verdict.pricePerUnit, verdict.medianPerUnit),
          });
      }
    }
    // Chunks far below PostgreSQL's bind limit (5 parameters a row).
    for (let i = 0; i < fresh.length; i += 5_000) {
      const chunk = fresh.slice(i, i + 5_000);
      await manager.query(
        `INSERT INTO price_observations (region_code, commodity_code, observed_on, price_per_unit, spike)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::date[], $4::int[], $5::bool[])
         ON CONFLICT (region_code, commodity_code, observed_on) DO NOTHING`,
        [
          chunk.map((r) => r.regionCode),
          chunk.map((r) => r.commodityCode),
          chunk.map((r) => r.observedOn),
          chunk.map((r) => r.pricePerUnit),
          chunk.map((r) => spikeDays.has(`${seriesKey(r)}|${r.observedOn}`)),
        ],
      );
    }
    for (const spike of told) {
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO price_spikes (region_code, commodity_code, observed_on, price_per_unit, median_per_unit)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (region_code, commodity_code, observed_on) DO NOTHING RETURNING id`,
        [
          spike.regionCode,
          spike.commodityCode,
          spike.observedOn,
          spike.pricePerUnit,
          spike.medianPerUnit,
        ],
      );
      // The unique row is the "once": a spike already told is not told again.
      if (row) await this.outbox.append(manager, [DomainEvents.priceSpikeDetected(row.id, spike)]);
    }
    return told;
  }
}

const seriesKey = (r: { regionCode: string; commodityCode: string }) =>
  `${r.regionCode}|${r.commodityCode}`;
