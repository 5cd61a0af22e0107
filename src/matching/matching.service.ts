import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { marketSize, matchingRunSeconds } from '../observability/metrics';
import { OutboxWriter } from '../outbox/outbox.writer';
import { DomainEvents } from '../events/domain-events';
import { ReferenceService } from '../reference/reference.service';
import type { TransportNetworkData } from '../logistics/logistics.types';
import type { Commodity } from '../reference/commodity.entity';
import {
  agreementLookupFrom,
  Allocation,
  EngineAgreement,
  EngineListing,
  EngineExclusions,
  EngineRequest,
  evaluatePair,
  ExclusionIndex,
} from './engine';
import { ExclusionsStore } from './exclusions/exclusions.store';
import { shippedForDelivered } from './engine/route-table';
import { heldQuantities, LiveProposal, MarketRepository } from './market.repository';
import { Match } from './match.entity';
import { MatchingEngineRunner } from './matching-engine.runner';
import { TransportNetworkProvider } from './transport-network.provider';
import { SUPERSEDED_BY_ENGINE, supersedeProposals } from './proposal-supersession';

export interface RunSummary {
  commodityCode: string;
  listings: number;
  requests: number;
  allocations: number;
  objective: number;
  proposed: number;
  superseded: number;
  kept: number;
  engineMs: number;
}

const pairKey = (listingId: string, requestId: string) => `${listingId}|${requestId}`;
const isOpen = (p: LiveProposal) =>
  p.supplierDecision === 'pending' && p.buyerDecision === 'pending';

/**
 * One re-optimisation of one commodity, in one transaction under a per-commodity advisory lock:
 * load the open market (held proposals' quantities out of play), solve exactly, and write only the
 * difference. A proposal identical to what the optimum wants (same pair, quantity and mode) is left
 * untouched, so an unchanged market writes nothing and notifies no one.
 */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reference: ReferenceService,
    private readonly networks: TransportNetworkProvider,
    private readonly engine: MatchingEngineRunner,
    private readonly outbox: OutboxWriter,
  ) {}

  async reoptimize(commodityCode: string): Promise<RunSummary | null> {
    const commodity = this.reference.commodity(commodityCode);
    if (!commodity) return null; // nothing to optimise for a code that does not exist
    const { data: network, version } = await this.networks.get();

    return this.dataSource.transaction(async (manager) => {
      const repo = new MarketRepository(manager);
      await repo.lockCommodity(commodityCode);
      const now = new Date();
      const live = await repo.liveProposals(commodityCode);
      const held = heldQuantities(live);
      const listings = await repo.openListings(
        commodityCode,
        commodity.grades,
        held.byListing,
        now,
      );
      const requests = await repo.openRequests(
        commodityCode,
        commodity.grades,
        held.byRequest,
        now,
      );
      const agreements = await repo.agreementsInForce(commodityCode, now);
      // Decisions that stick: declined pairs (until a relevant term changes) and partners.
      const exclusions = await new ExclusionsStore(manager).inForce(commodityCode);

      const started = performance.now();
      const allocations = await this.optimum(
        commodityCode,
        commodity,
        network,
        version,
        now,
        listings,
        requests,
        agreements,
        exclusions,
        live.filter(isOpen),
      );
      const engineMs = performance.now() - started;

      // Held proposals stay unless their listing or request has left the market.
      const heldProposals = live.filter((p) => !isOpen(p));
      const stillOpen = await repo.stillOpen(
        heldProposals.map((p) => p.supplyListingId),
        heldProposals.map((p) => p.demandRequestId),
        now,
      );
      const listingGone = heldProposals.filter((p) => !stillOpen.has(p.supplyListingId));
      const requestGone = heldProposals.filter(
        (p) => stillOpen.has(p.supplyListingId) && !stillOpen.has(p.demandRequestId),
      );

      const wanted = new Map(allocations.map((a) => [pairKey(a.listingId, a.requestId), a]));
      const kept = new Set<string>();
      const superseded: LiveProposal[] = [];
      for (const proposal of live.filter(isOpen)) {
        const key = pairKey(proposal.supplyListingId, proposal.demandRequestId);
        const allocation = wanted.get(key);
        if (
          allocation &&
          allocation.quantity === proposal.quantityDelivered &&
          allocation.quantityShipped === proposal.quantity &&
          allocation.arc.transportLabel === proposal.transportMode &&
          // A proposal names the agreement that ranked it: when that changed (an agreement
          // came, or its government's verification was withdrawn), it no longer explains itself.
          allocation.arc.agreementId === proposal.agreementId
        ) {
          kept.add(key);
        } else {
          superseded.push(proposal);
        }
      }
      const fresh = allocations.filter((a) => !kept.has(pairKey(a.listingId, a.requestId)));

      const ids = (proposals: LiveProposal[]) => proposals.map((p) => p.id);
      const { reoptimized, listingUnavailable, requestUnavailable } = SUPERSEDED_BY_ENGINE;
      await supersedeProposals(manager, this.outbox, ids(listingGone), listingUnavailable);
      await supersedeProposals(manager, this.outbox, ids(requestGone), requestUnavailable);
      await supersedeProposals(manager, this.outbox, ids(superseded), reoptimized);
      await this.propose(manager, repo, commodityCode, fresh, now);

      const summary: RunSummary = {
        commodityCode,
        listings: listings.length,
        requests: requests.length,
        allocations: allocations.length,
        objective: allocations.reduce((sum, a) => sum + a.quantity * a.arc.gainPerUnit, 0),
        proposed: fresh.length,
        superseded: superseded.length + listingGone.length + requestGone.length,
        kept: kept.size,
        engineMs: Math.round(engineMs * 100) / 100,
      };
      matchingRunSeconds.observe({ commodity: commodityCode }, engineMs / 1000);
      marketSize.set({ commodity: commodityCode, side: 'listings' }, listings.length);
      marketSize.set({ commodity: commodityCode, side: 'requests' }, requests.length);
      this.logger.log(summary, 'matching run');
      return summary;
    });
  }

  /**
   * The optimum of the market, preferring the proposals already made. Optima are often not unique
   * (two buyers with the same maximum price, say): re-solving from scratch could swap quantities
   * between equally good proposals and notify everyone for nothing. So the open proposals that are
   * still feasible are fixed first and the rest of the market solved around them; if that reaches
   * the full optimum's objective (integers, compared exactly) it is an optimum too, and it is used.
   * Otherwise the market really changed and the full optimum replaces them.
   */
  private async optimum(
    commodityCode: string,
    commodity: Commodity,
    network: TransportNetworkData,
    version: string,
    now: Date,
    listings: EngineListing[],
    requests: EngineRequest[],
    agreements: EngineAgreement[],
    exclusions: EngineExclusions,
    open: LiveProposal[],
  ): Promise<Allocation[]> {
    const shelfLife = {
      shelfLifeDaysAmbient: commodity.shelfLifeDaysAmbient,
      shelfLifeDaysCold: commodity.shelfLifeDaysCold,
      grades: commodity.grades,
    };
    const solve = async (ls: EngineListing[], rs: EngineRequest[]) =>
      (
        await this.engine.solve({
          network,
          networkVersion: version,
          now: now.getTime(),
          agreements,
          markets: [{ commodityCode, shelfLife, listings: ls, requests: rs, exclusions }],
        })
      )[0];
    const full = await solve(listings, requests);
    if (open.length === 0) return full.allocations;

    const { network: transport } = await this.networks.get();
    const lookup = agreementLookupFrom(agreements, transport, commodityCode);
    const listingLeft = new Map(listings.map((l) => [l.id, l]));
    const requestLeft = new Map(requests.map((r) => [r.id, r]));
    const remaining = new Map([...listings, ...requests].map((x) => [x.id, x.remainingQuantity]));
    const excluded = ExclusionIndex.of(exclusions);
    const incumbents: Allocation[] = [];
    for (const p of open) {
      const listing = listingLeft.get(p.supplyListingId);
      const request = requestLeft.get(p.demandRequestId);
      if (!listing || !request) continue;
      // A proposal rests on the price it states and on nobody having excluded the pair since.
      if (listing.pricePerUnit !== p.pricePerUnit || excluded?.excludes(listing, request)) continue;
      // Listings count shipped units, requests delivered units.
      if (
        (remaining.get(listing.id) ?? 0) < p.quantity ||
        (remaining.get(request.id) ?? 0) < p.quantityDelivered
      )
        continue;
      const evaluation = evaluatePair(listing, request, shelfLife, {
        network: transport,
        now: now.getTime(),
        agreementBonus: lookup,
      });
      if (
        !evaluation.feasible ||
        evaluation.arc.gainPerUnit <= 0 ||
        evaluation.arc.transportLabel !== p.transportMode
      )
        continue;
      remaining.set(listing.id, remaining.get(listing.id)! - p.quantity);
      remaining.set(request.id, remaining.get(request.id)! - p.quantityDelivered);
      incumbents.push({
        listingId: listing.id,
        requestId: request.id,
        quantity: p.quantityDelivered,
        quantityShipped: p.quantity,
        arc: evaluation.arc,
      });
    }
    if (incumbents.length === 0) return full.allocations;

    const rest = await solve(
      listings
        .map((l) => ({ ...l, remainingQuantity: remaining.get(l.id)! }))
        .filter((l) => l.remainingQuantity > 0),
      requests
        .map((r) => ({ ...r, remainingQuantity: remaining.get(r.id)! }))
        .filter((r) => r.remainingQuantity > 0),
    );
    const incumbentValue = incumbents.reduce((sum, a) => sum + a.quantity * a.arc.gainPerUnit, 0);
    if (incumbentValue + rest.objective !== full.objective) return full.allocations;

    const merged = new Map(incumbents.map((a) => [pairKey(a.listingId, a.requestId), { ...a }]));
    for (const a of rest.allocations) {
      const key = pairKey(a.listingId, a.requestId);
      const existing = merged.get(key);
      if (existing) {
        existing.quantity += a.quantity;
        existing.quantityShipped = shippedForDelivered(existing.quantity, existing.arc.shrinkPpm);
      } else merged.set(key, a);
    }
    return [...merged.values()].sort((a, b) =>
      a.listingId === b.listingId
        ? a.requestId < b.requestId
          ? -1
          : 1
        : a.listingId < b.listingId
          ? -1
          : 1,
    );
  }

  private async propose(
    manager: EntityManager,
    repo: MarketRepository,
    commodityCode: string,
    allocations: Allocation[],
    now: Date,
  ): Promise<void> {
    if (allocations.length === 0) return;
    const owners = await repo.owners(
      allocations.map((a) => a.listingId),
      allocations.map((a) => a.requestId),
    );
    const priceRows = await manager.query<{ id: string; price_per_unit: number }[]>(
      `SELECT id, price_per_unit FROM supply_listings WHERE id = ANY($1)`,
      [allocations.map((a) => a.listingId)],
    );
    const prices = new Map(priceRows.map((r) => [r.id, r.price_per_unit]));
    const expiresAt = new Date(now.getTime() + this.config.proposalTtlHours * 3600_000);
    const rows = allocations.map((a) => ({
      supplyListingId: a.listingId,
      demandRequestId: a.requestId,
      supplierOrganizationId: owners.get(a.listingId)!,
      buyerOrganizationId: owners.get(a.requestId)!,
      commodityCode,
      quantity: a.quantityShipped,
      quantityDelivered: a.quantity,
      shrinkRate: a.arc.shrinkRate,
      route: [...a.arc.route],
      pricePerUnit: prices.get(a.listingId)!,
      transportMode: a.arc.transportLabel,
      transportCostPerUnit: a.arc.transportCostPerUnit,
      landedCostPerUnit: a.arc.landedCostPerUnit,
      departureDate: new Date(a.arc.departureDate),
      arrivalDate: new Date(a.arc.arrivalDate),
      shelfLifeDaysOnArrival: a.arc.shelfLifeDaysOnArrival,
      distanceKm: a.arc.distanceKm,
      // The engine's gain includes the agreement bonus (a priority in its objective); what the
      // buyer is shown as gain is the real one, and the bonus is kept beside it.
      gainPerUnit: a.arc.gainPerUnit - a.arc.bonusPerUnit,
      agreementId: a.arc.agreementId,
      agreementBonusPerUnit: a.arc.bonusPerUnit,
      status: 'proposed' as const,
      expiresAt,
    }));
    const inserted = await manager.getRepository(Match).insert(rows);
    const ids = inserted.identifiers.map((i) => String(i.id));
    await this.outbox.append(
      manager,
      rows.map((row, i) => DomainEvents.matchProposed({ ...row, id: ids[i] })),
    );
  }
}
