import { Inject, Injectable } from '@nestjs/common';
import { loadReferenceBook } from '../prices/price-reference.repository';
import { wibDate } from '../prices/reference-band';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../accounts/principal';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RateLimiter } from '../platform/rate-limiter';
import { greatCircleKm } from '../logistics/great-circle';
import type { TransportNetwork } from '../logistics/transport-network';
import { DemandRequest } from '../market/demand/demand-request.entity';
import { SupplyListing } from '../market/supply/supply-listing.entity';
import { ReferenceService } from '../reference/reference.service';
import { agreementLookupFrom, evaluatePair, FeasibleArc, Infeasibility } from './engine';
import { rupiah } from './engine/explanation.format';
import { engineListing, engineRequest } from './engine-inputs';
import { MarketRepository } from './market.repository';
import { compareWithBand } from './price-band';
import { TransportNetworkProvider } from '../reference/transport-network.provider';
import { CandidateView, CandidatesView } from './candidates.dto';
import { candidateReason } from './candidate-reason';

/**
 * "Why not?" for the owner of a listing or a request: the nearest open counterparts of the same
 * commodity, each with the first rule of the design that rules it out and what it would take.
 */
@Injectable()
export class CandidatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly networks: TransportNetworkProvider,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forRequest(principal: Principal, id: string, limit = 10): Promise<CandidatesView> {
    const request = await this.dataSource
      .getRepository(DemandRequest)
      .findOne({ where: { id, organizationId: principal.organizationId } });
    if (!request) throw DomainError.notFound('Demand request');
    await this.countAsk('demand-request', id);
    const { commodity, network, now, repo, lookup } = await this.context(request.commodityCode);
    const ownRequest = {
      ...engineRequest(
        request,
        commodity.grades,
        await repo.organizationTrust(request.organizationId),
      ),
      referenceCeilingPerUnit: await this.ceilingOf(
        request.organizationId,
        request.commodityCode,
        request.destinationRegionCode,
        now,
      ),
    };
    const listings = (
      await repo.openListings(commodity.code, commodity.grades, new Map(), now)
    ).filter((l) => l.id !== request.id);
    const nearest = this.nearest(
      network,
      listings,
      (l) => l.originRegionCode,
      request.destinationRegionCode,
      limit,
    );
    const proposals = await this.proposals(request.id, 'demand');
    const items = nearest.map(({ item: listing, km }) => {
      const evaluation = evaluatePair(listing, ownRequest, this.shelfLife(commodity.code), {
        network,
        now: now.getTime(),
        agreementBonus: lookup,
      });
      return this.candidate(
        listing.id,
        commodity.grades[listing.gradeRank] ?? null,
        listing,
        km,
        evaluation,
        proposals,
        {
          pricePerUnit: listing.pricePerUnit,
          regionCode: listing.originRegionCode,
        },
      );
    });
    return this.page(items, request.status, 'listings');
  }

  async forListing(principal: Principal, id: string, limit = 10): Promise<CandidatesView> {
    const listing = await this.dataSource
      .getRepository(SupplyListing)
      .findOne({ where: { id, organizationId: principal.organizationId } });
    if (!listing) throw DomainError.notFound('Supply listing');
    await this.countAsk('supply-listing', id);
    const { commodity, network, now, repo, lookup } = await this.context(listing.commodityCode);
    const ownListing = engineListing(
      listing,
      commodity.grades,
      await repo.organizationTrust(listing.organizationId),
    );
    const book = await loadReferenceBook(this.dataSource.manager, commodity.code);
    const requests = await repo.openRequests(
      commodity.code,
      commodity.grades,
      new Map(),
      now,
      (d) => book.consumerCeiling(commodity.code, d, wibDate(now)),
    );
    const nearest = this.nearest(
      network,
      requests,
      (r) => r.destinationRegionCode,
      listing.originRegionCode,
      limit,
    );
    const proposals = await this.proposals(listing.id, 'supply');
    const items = nearest.map(({ item: request, km }) => {
      const context = { network, now: now.getTime(), agreementBonus: lookup };
      const shelfLife = this.shelfLife(commodity.code);
      // The buyer's maximum price is confidential: the pair is first judged as if the buyer paid
      // anything, and the price rule then answered only to the band (see price-band.ts).
      const priceBlind = evaluatePair(
        ownListing,
        { ...request, maxPricePerUnit: Number.MAX_SAFE_INTEGER },
        shelfLife,
        context,
      );
      // Ruled out by another rule: that rule is the answer (min_order comes after price in the
      // rules' order, so the priced evaluation could answer 'price' with the exact maximum).
      const banded = priceBlind.feasible
        ? compareWithBand(priceBlind.arc.landedCostPerUnit, request.maxPricePerUnit)
        : null;
      const evaluation =
        banded === 'fits' ? evaluatePair(ownListing, request, shelfLife, context) : priceBlind;
      const candidate = this.candidate(
        request.id,
        commodity.grades[request.minGradeRank] ?? null,
        request,
        km,
        evaluation,
        proposals,
        {
          regionCode: request.destinationRegionCode,
        },
      );
      if (priceBlind.feasible && (banded === 'above' || banded === 'close')) {
        const landed = rupiah(priceBlind.arc.landedCostPerUnit);
        Object.assign(candidate, {
          feasible: false,
          rule: 'price',
          option: undefined,
          reason: {
            code: banded === 'above' ? 'above_buyer_price' : 'close_to_buyer_price',
            params: { landedCostPerUnit: priceBlind.arc.landedCostPerUnit },
          },
          message:
            banded === 'above'
              ? `the landed cost of ${landed} is above what this buyer pays`
              : `the landed cost of ${landed} is close to what this buyer pays (within 10 %): ` +
                'whether it fits is not disclosed; a proposal will come if it does',
          wouldTake: 'a lower asking price',
        });
      }
      return candidate;
    });
    return this.page(items, listing.status, 'requests');
  }

  /** The reference ceiling of the buyer's policy (#12), as the matching run would apply it. */
  private async ceilingOf(
    organizationId: string,
    commodityCode: string,
    destinationRegionCode: string,
    now: Date,
  ): Promise<number | null> {
    const [row] = await this.dataSource.query<{ price_ceiling_policy: string }[]>(
      `SELECT price_ceiling_policy FROM organizations WHERE id = $1`,
      [organizationId],
    );
    if (row?.price_ceiling_policy !== 'reference_ceiling') return null;
    const book = await loadReferenceBook(this.dataSource.manager, commodityCode);
    return book.consumerCeiling(commodityCode, destinationRegionCode, wibDate(now));
  }

  /** Each ask is counted against the listing or request it is about (429 beyond the limit). */
  private async countAsk(kind: 'supply-listing' | 'demand-request', id: string): Promise<void> {
    try {
      await this.limiter.hit('candidates', id, this.config.candidatesPerHour, 3600_000);
    } catch (error) {
      if (error instanceof DomainError && error.status === 429) {
        throw Object.assign(
          new DomainError(
            429,
            'RATE_LIMITED',
            `The why-not diagnostics of a ${kind.replace('-', ' ')} can be asked at most ` +
              `${this.config.candidatesPerHour} times an hour; ${error.message.replace(/^.*; /, '')}`,
          ),
          {
            retryAfterSeconds: (error as DomainError & { retryAfterSeconds?: number })
              .retryAfterSeconds,
          },
        );
      }
      throw error;
    }
  }

  private async context(commodityCode: string) {
    const commodity = this.reference.commodity(commodityCode);
    if (!commodity) throw DomainError.notFound('Commodity');
    const { network } = await this.networks.get();
    const now = new Date();
    const repo = new MarketRepository(this.dataSource.manager);
    const lookup = agreementLookupFrom(
      await repo.agreementsInForce(commodityCode, now),
      commodityCode,
    );
    return { commodity, network, now, repo, lookup };
  }

  private shelfLife(commodityCode: string) {
    const c = this.reference.commodity(commodityCode)!;
    return {
      shelfLifeDaysAmbient: c.shelfLifeDaysAmbient,
      shelfLifeDaysCold: c.shelfLifeDaysCold,
      coldChainRequired: c.coldChainRequired,
      category: c.category,
      grades: c.grades,
    };
  }

  private nearest<T>(
    network: TransportNetwork,
    items: T[],
    regionOf: (item: T) => string,
    target: string,
    limit: number,
  ): { item: T; km: number }[] {
    const to = network.region(target);
    return items
      .map((item) => {
        const from = network.region(regionOf(item));
        const km =
          from && to
            ? greatCircleKm(from.latitude, from.longitude, to.latitude, to.longitude)
            : Infinity;
        return { item, km: Math.round(km) };
      })
      .sort((a, b) => a.km - b.km || (regionOf(a.item) < regionOf(b.item) ? -1 : 1))
      .slice(0, limit);
  }

  private async proposals(id: string, side: 'supply' | 'demand'): Promise<Map<string, string>> {
    const column = side === 'supply' ? 'supply_listing_id' : 'demand_request_id';
    const other = side === 'supply' ? 'demand_request_id' : 'supply_listing_id';
    const rows: { id: string; other: string }[] = await this.dataSource.query(
      `SELECT id, ${other} AS other FROM matches WHERE ${column} = $1 AND status = 'proposed'`,
      [id],
    );
    return new Map(rows.map((r) => [r.other, r.id]));
  }

  private candidate(
    counterpartId: string,
    grade: string | null,
    counterpart: { remainingQuantity: number },
    km: number,
    evaluation: { feasible: true; arc: FeasibleArc } | { feasible: false; reason: Infeasibility },
    proposals: Map<string, string>,
    extra: { pricePerUnit?: number; regionCode: string },
  ): CandidateView {
    const base = {
      counterpartId,
      grade,
      remainingQuantity: counterpart.remainingQuantity,
      ...extra,
      straightLineKm: km,
      proposedMatchId: proposals.get(counterpartId) ?? null,
    };
    if (!evaluation.feasible) {
      return Object.assign(new CandidateView(), base, {
        feasible: false,
        rule: evaluation.reason.rule,
        message: evaluation.reason.message,
        reason: candidateReason(evaluation.reason),
        wouldTake: evaluation.reason.wouldTake,
      });
    }
    const arc = evaluation.arc;
    return Object.assign(new CandidateView(), base, {
      feasible: true,
      reason: {
        code: base.proposedMatchId ? 'proposed' : 'feasible_not_in_optimum',
        params: { transport: arc.transportLabel, landedCostPerUnit: arc.landedCostPerUnit },
      },
      message: base.proposedMatchId
        ? `proposed: ${arc.transportLabel}, landed ${rupiah(arc.landedCostPerUnit)}`
        : `feasible by ${arc.transportLabel} at a landed ${rupiah(arc.landedCostPerUnit)}, but not in the current optimum (its quantity is allocated where it creates more value)`,
      option: {
        transportMode: arc.transportLabel,
        transportCostPerUnit: arc.transportCostPerUnit,
        landedCostPerUnit: arc.landedCostPerUnit,
        departureDate: new Date(arc.departureDate).toISOString(),
        arrivalDate: new Date(arc.arrivalDate).toISOString(),
        shelfLifeDaysOnArrival: arc.shelfLifeDaysOnArrival,
        chilledShelfLifeDaysOnArrival: arc.chilledShelfLifeDaysOnArrival,
        coldChain: arc.coldChain,
        distanceKm: arc.distanceKm,
        agreementId: arc.agreementId,
      },
    });
  }

  private page(items: CandidateView[], status: string, kind: string): CandidatesView {
    const feasible = items.filter((i) => i.feasible).length;
    const summary =
      items.length === 0
        ? `no open ${kind} of this commodity right now`
        : `${items.length} nearest open ${kind}: ${feasible} feasible, ${items.length - feasible} ruled out` +
          (status === 'open' ? '' : ` (this one is ${status})`);
    return { items, nextCursor: null, summary };
  }
}
