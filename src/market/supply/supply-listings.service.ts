import { createWithinCap } from '../../common/tenant-cap';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../accounts/principal';
import { DomainError } from '../../common/domain-error';
import type { Page } from '../../common/pagination';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OutboxWriter } from '../../outbox/outbox.writer';
import { RateLimiter } from '../../platform/rate-limiter';
import { ReferenceService } from '../../reference/reference.service';
import { DomainEvents } from '../../events/domain-events';
import { MarketChecks } from '../market-checks';
import { MarketLedger } from '../market.ledger';
import { Problems } from '../../common/problems';
import { OwnedMarketStore } from '../owned-market.store';
import { assertQuantityCoversTrades, changedTerms } from '../term-changes';
import {
  CreateSupplyListingDto,
  SupplyListingQuery,
  SupplyListingView,
  UpdateSupplyListingDto,
} from './supply-listing.dto';
import { SupplyListing } from './supply-listing.entity';

type ListingFields = Pick<
  SupplyListing,
  | 'commodityCode'
  | 'grade'
  | 'quantity'
  | 'minOrderQuantity'
  | 'pricePerUnit'
  | 'originRegionCode'
  | 'availableFrom'
  | 'availableUntil'
  | 'harvestedAt'
  | 'notes'
>;

/** The terms a proposal of this listing rests on (quantity is handled apart: only a shortfall counts). */
const LISTING_TERMS = [
  'pricePerUnit',
  'grade',
  'minOrderQuantity',
  'originRegionCode',
  'availableFrom',
  'availableUntil',
  'harvestedAt',
] as const;

const date = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);

@Injectable()
export class SupplyListingsService {
  private readonly store: OwnedMarketStore<SupplyListing>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly checks: MarketChecks,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxWriter,
    private readonly ledger: MarketLedger,
  ) {
    this.store = new OwnedMarketStore(dataSource, outbox, SupplyListing, {
      label: 'Supply listing',
      aggregateType: 'supply_listing',
      regionColumn: 'origin_region_code',
    });
  }

  async create(principal: Principal, dto: CreateSupplyListingDto): Promise<SupplyListingView> {
    const fields = this.validate({
      commodityCode: dto.commodityCode,
      grade: dto.grade ?? null,
      quantity: dto.quantity,
      minOrderQuantity: dto.minOrderQuantity ?? null,
      pricePerUnit: dto.pricePerUnit,
      originRegionCode: dto.originRegionCode,
      availableFrom: new Date(dto.availableFrom),
      availableUntil: new Date(dto.availableUntil),
      harvestedAt: date(dto.harvestedAt),
      notes: dto.notes ?? '',
    });
    await this.checks.assertListingSatisfiable(fields);
    const listing = await this.dataSource.transaction((manager) =>
      createWithinCap(
        manager,
        principal.organizationId,
        {
          cap: 'OPEN_LISTINGS_PER_ORGANIZATION',
          countSql: `SELECT 1 FROM supply_listings WHERE organization_id = $1 AND status = 'open'`,
          what: 'open listings',
        },
        this.config.caps.OPEN_LISTINGS_PER_ORGANIZATION,
        async () => {
          const saved = await this.ledger.openListing(manager, {
            ...fields,
            organizationId: principal.organizationId,
          });
          await this.store.emit(manager, DomainEvents.supplyListingCreated(saved));
          return saved;
        },
      ),
    );
    return this.view(listing);
  }

  list(principal: Principal, query: SupplyListingQuery): Promise<Page<SupplyListingView>> {
    return this.store.list(
      principal.organizationId,
      { ...query, regionCode: query.originRegionCode },
      (row) => this.view(row),
    );
  }

  async get(principal: Principal, id: string): Promise<SupplyListingView> {
    return this.view(await this.store.findOwned(principal.organizationId, id));
  }

  async update(
    principal: Principal,
    id: string,
    dto: UpdateSupplyListingDto,
  ): Promise<SupplyListingView> {
    new Problems()
      .rejectNulls(dto, [
        'grade',
        'quantity',
        'pricePerUnit',
        'originRegionCode',
        'availableFrom',
        'availableUntil',
        'notes',
      ])
      .throwIfAny();
    const listing = await this.dataSource.transaction(async (manager) => {
      const current = await this.store.lockOwned(manager, principal.organizationId, id);
      this.store.assertOpen(current);
      const fields = this.validate({
        commodityCode: current.commodityCode,
        grade: dto.grade ?? current.grade,
        quantity: dto.quantity ?? current.quantity,
        minOrderQuantity:
          dto.minOrderQuantity !== undefined ? dto.minOrderQuantity : current.minOrderQuantity,
        pricePerUnit: dto.pricePerUnit ?? current.pricePerUnit,
        originRegionCode: dto.originRegionCode ?? current.originRegionCode,
        availableFrom: date(dto.availableFrom) ?? current.availableFrom,
        availableUntil: date(dto.availableUntil) ?? current.availableUntil,
        harvestedAt: dto.harvestedAt !== undefined ? date(dto.harvestedAt) : current.harvestedAt,
        notes: dto.notes ?? current.notes,
      });
      // What confirmed trades took is gone from the market: quantity can shrink only down to it.
      const committed = current.quantity - current.remainingQuantity;
      await assertQuantityCoversTrades(manager, 'listing', id, fields.quantity, committed);
      // Only a change to where or when the goods can leave is checked again: an ageing listing
      // must still be able to lower its price or quantity.
      const placeOrTime = changedTerms<ListingFields>(current, fields, [
        'originRegionCode',
        'availableFrom',
        'availableUntil',
        'harvestedAt',
      ]);
      if (placeOrTime.length > 0) await this.checks.assertListingSatisfiable(fields);
      if (fields.pricePerUnit !== current.pricePerUnit) await this.countPriceEdit(current.id);
      // Proposals resting on a changed term are superseded before the change commits, so that
      // no acceptance can confirm them on terms the listing no longer offers.
      const changed = changedTerms<ListingFields>(current, fields, LISTING_TERMS);
      const remainingQuantity = fields.quantity - committed;
      await this.checks.supersedeForChange(manager, {
        side: 'listing',
        id,
        commodityCode: current.commodityCode,
        changedTerms: changed,
        quantityChanged: fields.quantity !== current.quantity,
        remainingQuantity,
      });
      const saved = await this.ledger.revise(manager, current, fields, remainingQuantity);
      await this.store.emit(manager, DomainEvents.supplyListingUpdated(saved));
      return saved;
    });
    return this.view(listing);
  }

  async withdraw(principal: Principal, id: string): Promise<SupplyListingView> {
    const listing = await this.dataSource.transaction(async (manager) => {
      const current = await this.store.lockOwned(manager, principal.organizationId, id);
      this.store.assertOpen(current);
      const saved = await this.ledger.withdraw(manager, current);
      await this.store.emit(manager, DomainEvents.supplyListingWithdrawn(saved));
      return saved;
    });
    return this.view(listing);
  }

  /**
   * Each price change is a probe of what buyers would pay (proposals appear or vanish), so a
   * listing may change its price only a few times an hour. Counted last, once the edit is
   * otherwise valid; a 429 rolls the edit back.
   */
  private async countPriceEdit(listingId: string): Promise<void> {
    const limit = this.config.listingPriceEditsPerHour;
    try {
      await this.limiter.hit('listing-price-edits', listingId, limit, 3600_000);
    } catch (error) {
      if (error instanceof DomainError && error.status === 429) {
        const retryAfterSeconds = (error as DomainError & { retryAfterSeconds?: number })
          .retryAfterSeconds;
        throw Object.assign(
          new DomainError(
            429,
            'PRICE_EDIT_LIMIT',
            `A listing's price can change at most ${limit} times an hour; retry in ${retryAfterSeconds ?? 3600} s`,
            [{ field: 'pricePerUnit', message: `at most ${limit} price changes per hour` }],
          ),
          { retryAfterSeconds },
        );
      }
      throw error;
    }
  }

  private validate(fields: ListingFields): ListingFields {
    const problems = new Problems();
    const gradeProblem = this.reference.gradeProblem(fields.commodityCode, fields.grade);
    problems.check(
      !!this.reference.commodity(fields.commodityCode),
      'commodityCode',
      `unknown commodity ${fields.commodityCode}`,
    );
    if (gradeProblem) problems.add('grade', gradeProblem);
    problems.check(
      !!this.reference.region(fields.originRegionCode),
      'originRegionCode',
      `unknown region ${fields.originRegionCode}`,
    );
    problems.check(
      fields.minOrderQuantity === null || fields.minOrderQuantity <= fields.quantity,
      'minOrderQuantity',
      'minOrderQuantity cannot exceed quantity',
    );
    problems.check(
      fields.availableFrom <= fields.availableUntil,
      'availableUntil',
      'availableUntil must not be before availableFrom',
    );
    problems.check(
      fields.availableUntil.getTime() > Date.now(),
      'availableUntil',
      'availableUntil must be in the future',
    );
    problems.check(
      fields.harvestedAt === null || fields.harvestedAt <= fields.availableUntil,
      'harvestedAt',
      'harvestedAt cannot be after availableUntil',
    );
    problems.throwIfAny();
    return fields;
  }

  private view(listing: SupplyListing): SupplyListingView {
    return SupplyListingView.from(
      listing,
      this.reference.commodity(listing.commodityCode)?.unit ?? 'kg',
    );
  }
}
