import { gradeRankOf } from './grades';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Commodity } from './commodity.entity';
import { Region, RegionType } from './region.entity';

export interface RegionSearch {
  q?: string;
  type?: RegionType;
  provinceCode?: string;
}

/**
 * Reference data is small (552 regions, 21 commodities) and changes only when seeding runs at
 * boot, so it is held in memory: validating a listing costs no query.
 */
@Injectable()
export class ReferenceService implements OnModuleInit {
  private regions = new Map<string, Region>();
  private commodities = new Map<string, Commodity>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  async reload(): Promise<void> {
    const [regions, commodities] = await Promise.all([
      this.dataSource.getRepository(Region).find({ order: { code: 'ASC' } }),
      this.dataSource.getRepository(Commodity).find({ order: { code: 'ASC' } }),
    ]);
    this.regions = new Map(regions.map((r) => [r.code, r]));
    this.commodities = new Map(commodities.map((c) => [c.code, c]));
  }

  region(code: string): Region | undefined {
    return this.regions.get(code);
  }

  commodity(code: string): Commodity | undefined {
    return this.commodities.get(code);
  }

  listCommodities(): Commodity[] {
    return [...this.commodities.values()];
  }

  searchRegions(search: RegionSearch): Region[] {
    const q = search.q?.trim().toLowerCase();
    return [...this.regions.values()].filter(
      (r) =>
        (!q || r.name.toLowerCase().includes(q) || r.code.startsWith(q)) &&
        (!search.type || r.type === search.type) &&
        (!search.provinceCode ||
          r.provinceCode === search.provinceCode ||
          r.code === search.provinceCode),
    );
  }

  /** Why a grade does not fit a commodity, or null when it does (or the commodity is unknown). */
  gradeProblem(commodityCode: string, grade: string | null): string | null {
    const commodity = this.commodity(commodityCode);
    if (!commodity || this.gradeRank(commodityCode, grade) !== undefined) return null;
    return commodity.grades.length === 0
      ? `${commodity.code} has no grades; omit the grade`
      : `must be one of ${commodity.grades.join(', ')} for ${commodity.code}`;
  }

  /** Rank of a grade, 0 = best; undefined when the commodity does not know it. */
  gradeRank(commodityCode: string, grade: string | null): number | undefined {
    const commodity = this.commodity(commodityCode);
    return commodity ? gradeRankOf(commodity.grades, grade) : undefined;
  }
}
