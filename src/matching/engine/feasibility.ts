import type {
  AgreementBonus,
  CommodityShelfLife,
  EngineListing,
  EngineRequest,
  FeasibleArc,
  Infeasibility,
  MatchingContext,
  PairEvaluation,
} from './engine.types';
import { days, daysFrom, gradeName, rupiah, rupiahId, utc } from './explanation.format';
import {
  buyerShelfDays,
  chilledDaysOf,
  chooseOption,
  coldChainBreakDays,
  counterpartsFit,
  departureFor,
  gradeFits,
  listingFacts,
  minOrderFits,
  newOptionChoice,
  PAIR_CEILING,
  PAIR_OK,
  PAIR_PRICE,
  PAIR_SHELF,
  shelfLeftDays,
  shelfModel,
  windowFits,
  type ListingFacts,
  type OptionChoice,
  type ShelfModel,
} from './pair-rules';
import { DAY_MS, maxPriceForLandedBase, RouteTable, type CompiledRoute } from './route-table';

/**
 * Whether a listing and a request can be matched, by the six rules of the design, and with which
 * transport option; otherwise the first rule that fails, worded for the "why not" diagnostics,
 * with the figures of the option that came closest.
 */
export function evaluatePair(
  listing: EngineListing,
  request: EngineRequest,
  shelfLife: CommodityShelfLife,
  context: MatchingContext,
): PairEvaluation {
  const fail = (reason: Infeasibility): PairEvaluation => ({ feasible: false, reason });
  const grades = shelfLife.grades;

  if (listing.commodityCode !== request.commodityCode) {
    return fail({
      rule: 'grade',
      code: 'other_commodity',
      params: { offeredCommodity: listing.commodityCode, wantedCommodity: request.commodityCode },
      message: `the listing offers ${listing.commodityCode} and the request wants ${request.commodityCode}`,
      wouldTake: 'the same commodity',
    });
  }
  if (!gradeFits(listing, request)) {
    const offered = gradeName(listing.gradeRank, grades);
    const wanted = gradeName(request.minGradeRank, grades);
    return fail({
      rule: 'grade',
      code: 'grade_below_minimum',
      params: { offeredGrade: offered, minimumGrade: wanted },
      message: `grade ${offered} is below the minimum grade ${wanted}`,
      wouldTake: `a minimum grade of ${offered}, or a listing of grade ${wanted} or better`,
    });
  }

  const routes = RouteTable.of(context.network, shelfLife.category);
  const facts = listingFacts(listing, context.now, routes);
  const route = routes.route(
    facts.originIndex,
    routes.regionIndex(request.destinationRegionCode),
    facts.lotBand,
  );
  if (route.options.length === 0) {
    return fail({
      rule: 'transport',
      code: 'no_route',
      params: {
        originRegionCode: listing.originRegionCode,
        destinationRegionCode: request.destinationRegionCode,
      },
      message: `no road, sea or air route from ${listing.originRegionCode} to ${request.destinationRegionCode}`,
      wouldTake: 'regions and hubs known to the transport network',
    });
  }

  const shelf = shelfModel(shelfLife);
  const choice = newOptionChoice();
  const status = chooseOption(facts, request, route, shelf, choice);
  if (status !== PAIR_OK) {
    if (status === PAIR_PRICE) return fail(priceReason(request, route, choice, routes));
    if (status === PAIR_CEILING) return fail(ceilingReason(request, route, choice));
    if (status === PAIR_SHELF) return fail(shelfReason(facts, request, route, shelf));
    return fail(windowReason(facts, request, route, context.now));
  }
  if (!minOrderFits(listing, request)) {
    return fail({
      rule: 'min_order',
      code: 'below_minimum_order',
      params: {
        minOrderQuantity: listing.minOrderQuantity,
        requestedQuantity: request.remainingQuantity,
      },
      message: `the listing sells at least ${listing.minOrderQuantity}; the request needs only ${request.remainingQuantity}`,
      wouldTake: `a request for at least ${listing.minOrderQuantity}, or a listing without that minimum`,
    });
  }
  if (!counterpartsFit(listing, request)) {
    const buyerRefuses = request.verifiedCounterpartsOnly && !listing.organizationVerified;
    return fail({
      rule: 'counterpart',
      code: buyerRefuses ? 'buyer_wants_verified_supplier' : 'supplier_wants_verified_buyer',
      params: {},
      message: buyerRefuses
        ? 'the buyer takes proposals from verified suppliers only, and this supplier is not verified'
        : 'the supplier takes proposals from verified buyers only, and this buyer is not verified',
      wouldTake: buyerRefuses
        ? "the supplier's verification by a platform administrator, or a buyer open to unverified suppliers"
        : "the buyer's verification by a platform administrator, or a supplier open to unverified buyers",
    });
  }
  const bonus =
    context.agreementBonus?.(
      listing.originRegionCode,
      request.destinationRegionCode,
      listing.pricePerUnit,
    ) ?? null;
  return { feasible: true, arc: buildArc(facts, request, route, choice, bonus, shelf) };
}

/** The explanation carried by a proposal; `choice` comes from chooseOption. */
export function buildArc(
  facts: ListingFacts,
  request: EngineRequest,
  route: CompiledRoute,
  choice: OptionChoice,
  bonus: AgreementBonus | null,
  shelf: ShelfModel,
): FeasibleArc {
  const option = route.options[choice.option];
  const ambientMs = route.ambientMs[choice.option];
  const bonusPerUnit = bonus?.bonusPerUnit ?? 0;
  const shrinkPpm = facts.shrinkPpmBySlot[route.shrinkSlot[choice.option]];
  return {
    listingId: facts.listing.id,
    requestId: request.id,
    transportMode: option.mode,
    transportLabel: option.label,
    reefer: option.reefer,
    transportCostPerUnit: option.costPerUnit,
    landedCostPerUnit: choice.landed,
    departureDate: choice.departure,
    arrivalDate: choice.departure + route.transitMs[choice.option],
    transitDays: option.transitDays,
    shelfLifeDaysOnArrival: Math.round(choice.shelfLeft * 100) / 100,
    chilledShelfLifeDaysOnArrival: Math.round(chilledDaysOf(choice.shelfLeft, shelf) * 100) / 100,
    coldChain: option.coldChain,
    ambientTransitHours: Math.round((ambientMs / DAY_MS) * 24 * 10) / 10,
    coldChainBreakShelfDays:
      Math.round(coldChainBreakDays(ambientMs, option.coldChain, shelf) * 100) / 100,
    distanceKm: option.distanceKm,
    gainPerUnit: request.maxPricePerUnit - choice.landed + bonusPerUnit,
    agreementId: bonus?.agreementId ?? null,
    bonusPerUnit,
    originHubCode: option.originHubCode,
    destinationHubCode: option.destinationHubCode,
    shrinkPpm,
    shrinkRate: shrinkPpm / 1_000_000,
    shrinkPerUnit: choice.landed - option.costPerUnit - facts.listing.pricePerUnit,
    route: option.legs,
  };
}

function windowReason(
  facts: ListingFacts,
  request: EngineRequest,
  route: CompiledRoute,
  now: number,
): Infeasibility {
  const listing = facts.listing;
  if (facts.earliestDeparture > listing.availableUntil) {
    return {
      rule: 'window',
      code: 'window_closed',
      params: { availableUntil: listing.availableUntil },
      message: `the listing's shipping window closed on ${utc(listing.availableUntil)}`,
      wouldTake: 'a listing whose shipping window is still open',
    };
  }
  // The option that misses the windows by the least time.
  let best = 0;
  let bestMiss = Infinity;
  route.transitMs.forEach((t, k) => {
    const departure = departureFor(facts, request, t);
    const miss =
      Math.max(0, departure - listing.availableUntil) +
      Math.max(0, departure + t - request.deliverBy);
    if (miss < bestMiss) {
      bestMiss = miss;
      best = k;
    }
  });
  const t = route.transitMs[best];
  const label = route.options[best].label;
  const departure = departureFor(facts, request, t);
  const arrival = departure + t;
  if (arrival > request.deliverBy) {
    return {
      rule: 'window',
      code: 'arrives_too_late',
      params: {
        transport: label,
        arrivalDate: arrival,
        deliverBy: request.deliverBy,
        arrivalInDays: Number(daysFrom(now, arrival)),
        deliverByInDays: Number(daysFrom(now, request.deliverBy)),
      },
      message:
        `earliest arrival in ${daysFrom(now, arrival)} days by ${label} (${utc(arrival)}); ` +
        `you need it by ${utc(request.deliverBy)}, in ${daysFrom(now, request.deliverBy)} days`,
      wouldTake: `a deliverBy on or after ${utc(arrival)}, or a listing that ships sooner`,
    };
  }
  return {
    rule: 'window',
    code: 'departs_after_window',
    params: {
      transport: label,
      deliverFrom: request.deliverFrom ?? arrival,
      departureDate: departure,
      availableUntil: listing.availableUntil,
      latestDeliverFrom: listing.availableUntil + t,
    },
    message:
      `arriving no earlier than ${utc(request.deliverFrom ?? arrival)} by ${label} means leaving on ` +
      `${utc(departure)}, after the listing's shipping window closes on ${utc(listing.availableUntil)}`,
    wouldTake: `a deliverFrom on or before ${utc(listing.availableUntil + t)}, or a listing available later`,
  };
}

function shelfReason(
  facts: ListingFacts,
  request: EngineRequest,
  route: CompiledRoute,
  shelf: ShelfModel,
): Infeasibility {
  let best = -1;
  let bestLeft = -Infinity;
  let brokenChain = -1;
  route.transitMs.forEach((t, k) => {
    const departure = departureFor(facts, request, t);
    if (!windowFits(facts, request, departure, t)) return;
    const ambientLeft = shelfLeftDays(
      departure,
      t,
      route.ambientMs[k],
      facts.listing.harvestedAt,
      shelf,
    );
    if (ambientLeft === -Infinity) {
      if (brokenChain < 0) brokenChain = k;
      return;
    }
    // In the days the buyer counts: chilled days for a buyer with cold storage.
    const left = buyerShelfDays(ambientLeft, request.coldStorage, shelf);
    if (left > bestLeft) {
      bestLeft = left;
      best = k;
    }
  });
  const needed = request.minShelfLifeDaysOnArrival;
  if (best < 0) {
    // Every option in the windows leaves the cold: meat and fish travel chilled or not at all.
    const label = route.options[brokenChain].label;
    return {
      rule: 'shelf_life',
      code: 'needs_cold_chain',
      params: { transport: label, neededShelfLifeDays: Number(days(needed)) },
      message:
        `this commodity must travel chilled door to door, and every route in the windows ` +
        `(${label} the best) spends time out of the cold`,
      wouldTake: 'a route with refrigerated transport on every leg, or wider windows',
    };
  }
  const label = route.options[best].label;
  if (bestLeft <= 0) {
    return {
      rule: 'shelf_life',
      code: 'spoils_before_arrival',
      params: {
        transport: label,
        spoiledDaysBeforeArrival: Number(days(-bestLeft)),
        neededShelfLifeDays: Number(days(needed)),
      },
      message: `the goods spoil ${days(-bestLeft)} days before arrival even by ${label}; you need ${days(needed)} days left`,
      wouldTake: 'a fresher harvest or a faster route',
    };
  }
  // Rounded down in both places: rounding 1.96 up would tell the buyer "at most 2.0 left; you
  // need 2.0", a refusal that reads like a match.
  const acceptable = Math.floor(bestLeft * 10) / 10;
  return {
    rule: 'shelf_life',
    code: 'shelf_life_too_short',
    params: {
      transport: label,
      shelfLifeDaysLeft: acceptable,
      neededShelfLifeDays: Number(days(needed)),
    },
    message: `at most ${acceptable.toFixed(1)} days of shelf life left on arrival, by ${label}; you need ${days(needed)}`,
    wouldTake: `a minimum shelf life on arrival of ${acceptable.toFixed(1)} days or less, a fresher harvest or a faster route`,
  };
}

function priceReason(
  request: EngineRequest,
  route: CompiledRoute,
  choice: OptionChoice,
  routes: RouteTable,
): Infeasibility {
  const k = choice.option;
  const label = route.options[k].label;
  const ppm = routes.shrinkPpmBySlot[route.shrinkSlot[k]];
  const asking = maxPriceForLandedBase(request.maxPricePerUnit - route.costPerUnit[k], ppm);
  return {
    rule: 'price',
    code: 'above_maximum_price',
    params: {
      transport: label,
      landedCostPerUnit: choice.landed,
      maxPricePerUnit: request.maxPricePerUnit,
      maxAskingPricePerUnit: asking >= 1 ? asking : null,
    },
    message: `cheapest landed cost ${rupiah(choice.landed)} by ${label}; your maximum is ${rupiah(request.maxPricePerUnit)}`,
    wouldTake:
      `a maximum price of at least ${rupiah(choice.landed)}` +
      (asking >= 1 ? `, or an asking price of at most ${rupiah(asking)}` : ''),
  };
}

/**
 * The buyer's own policy rules the pair out (worded in Bahasa Indonesia: the procurement
 * offices that set the policy read it in their language).
 */
function ceilingReason(
  request: EngineRequest,
  route: CompiledRoute,
  choice: OptionChoice,
): Infeasibility {
  const label = route.options[choice.option].label;
  const ceiling = request.referenceCeilingPerUnit ?? 0;
  return {
    rule: 'reference_ceiling',
    code: 'above_reference_ceiling',
    params: { transport: label, landedCostPerUnit: choice.landed, ceilingPerUnit: ceiling },
    message:
      `biaya sampai termurah ${rupiahId(choice.landed)} per unit lewat ${label} melebihi batas ` +
      `harga acuan (HET/HAP) ${rupiahId(ceiling)} yang dipakai kebijakan pengadaan pembeli`,
    wouldTake:
      `harga penawaran atau ongkos angkut yang lebih rendah sehingga biaya sampai paling tinggi ` +
      `${rupiahId(ceiling)}, atau kebijakan tanpa batas harga acuan`,
  };
}
