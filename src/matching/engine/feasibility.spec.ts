import type { FeasibleArc, Infeasibility, MatchingContext, PairEvaluation } from './engine.types';
import { evaluatePair } from './feasibility';
import {
  chooseOption,
  gradeFits,
  newOptionChoice,
  PAIR_OK,
  shelfFitsMinimum,
  chilledDaysOf,
  shelfLeftDays,
  shelfModel,
} from './pair-rules';
import { DEFAULT_LOT_BAND, type CompiledRoute } from './route-table';
import {
  aListing,
  aRequest,
  BATAM,
  CHILI,
  DAY,
  MALANG,
  NOW,
  referenceNetwork,
  SURABAYA,
} from './testing/market.factory';

const context = (): MatchingContext => ({ network: referenceNetwork(), now: NOW });

function feasible(evaluation: PairEvaluation): FeasibleArc {
  if (!evaluation.feasible)
    throw new Error(`expected a match, got ${JSON.stringify(evaluation.reason)}`);
  return evaluation.arc;
}

function infeasibility(evaluation: PairEvaluation): Infeasibility {
  if (evaluation.feasible)
    throw new Error(`expected no match, got ${JSON.stringify(evaluation.arc)}`);
  return evaluation.reason;
}

/** The English wording of a reason. */
function reason(evaluation: PairEvaluation): Pick<Infeasibility, 'rule' | 'message' | 'wouldTake'> {
  const { rule, message, wouldTake } = infeasibility(evaluation);
  return { rule, message, wouldTake };
}

/** The code and figures a console words in its reader's language. */
function structured(evaluation: PairEvaluation): Pick<Infeasibility, 'code' | 'params'> {
  const { code, params } = infeasibility(evaluation);
  return { code, params };
}

describe('evaluatePair', () => {
  it('flies a tonne of fresh Malang chili to Batam via Juanda, the cheapest option that keeps it fresh', () => {
    const arc = feasible(evaluatePair(aListing(), aRequest(), CHILI, context()));
    expect(arc.transportLabel).toBe('air');
    expect(arc.reefer).toBe(false);
    expect(arc.originHubCode).toBe('airport-juanda');
    // 30,000 / (1 - 0.04) = 31,250 exactly, plus the transport cost.
    expect(arc.landedCostPerUnit).toBe(31_250 + arc.transportCostPerUnit);
    expect(arc.gainPerUnit).toBe(60_000 - arc.landedCostPerUnit);
    expect(arc.departureDate).toBe(NOW);
    expect(arc.arrivalDate - arc.departureDate).toBe(Math.round(arc.transitDays * DAY));
    expect(arc.transitDays).toBeGreaterThanOrEqual(1);
    expect(arc.transitDays).toBeLessThanOrEqual(2);
    // Ambient all the way: what is left of 3 ambient days.
    expect(arc.shelfLifeDaysOnArrival).toBeCloseTo(3 * (1 - arc.transitDays / 3), 1);
    expect(arc.route.map((l) => l.kind)).toEqual(['road', 'air', 'road']);
    expect(arc.agreementId).toBeNull();
  });

  it('computes the landed cost in exact integers (48,000 at 4% shrink is 50,000, not 50,001)', () => {
    const arc = feasible(
      evaluatePair(
        aListing({ pricePerUnit: 48_000 }),
        aRequest({ maxPricePerUnit: 80_000 }),
        CHILI,
        context(),
      ),
    );
    expect(arc.transportLabel).toBe('air');
    expect(arc.landedCostPerUnit).toBe(50_000 + arc.transportCostPerUnit);
  });

  describe('rule 1, grade', () => {
    it('refuses a listing graded below the minimum and names both grades', () => {
      const r = reason(
        evaluatePair(aListing({ gradeRank: 2 }), aRequest({ minGradeRank: 1 }), CHILI, context()),
      );
      expect(r.rule).toBe('grade');
      expect(r.message).toBe('grade II is below the minimum grade I');
      expect(r.wouldTake).toContain('minimum grade of II');
    });

    it('accepts a better grade than the minimum', () => {
      expect(
        evaluatePair(aListing({ gradeRank: 0 }), aRequest({ minGradeRank: 1 }), CHILI, context())
          .feasible,
      ).toBe(true);
    });

    it('refuses another commodity', () => {
      const r = reason(
        evaluatePair(aListing(), aRequest({ commodityCode: 'bawang_merah' }), CHILI, context()),
      );
      expect(r.rule).toBe('grade');
    });

    it('is checked first: a wrong grade is reported even when the price is also wrong', () => {
      const r = reason(
        evaluatePair(
          aListing({ gradeRank: 2 }),
          aRequest({ minGradeRank: 0, maxPricePerUnit: 1 }),
          CHILI,
          context(),
        ),
      );
      expect(r.rule).toBe('grade');
    });
  });

  describe('rule 2, transport', () => {
    it('reports a region the transport network does not know', () => {
      const r = reason(
        evaluatePair(aListing({ originRegionCode: '99.99' }), aRequest(), CHILI, context()),
      );
      expect(r.rule).toBe('transport');
    });
  });

  describe('rule 3, window', () => {
    it('refuses when even the fastest option arrives after deliverBy, with its figures', () => {
      const r = reason(
        evaluatePair(
          aListing(),
          aRequest({ deliverBy: NOW + DAY / 2, maxPricePerUnit: 100_000 }),
          CHILI,
          context(),
        ),
      );
      expect(r.rule).toBe('window');
      expect(r.message).toMatch(
        /^earliest arrival in 1\.0 days by air \(2026-01-06 \d\d:\d\d UTC\); you need it by 2026-01-05 12:00 UTC, in 0\.5 days$/,
      );
      expect(r.wouldTake).toContain('deliverBy on or after 2026-01-06');
    });

    it('refuses a listing whose shipping window has closed', () => {
      const r = reason(
        evaluatePair(
          aListing({ availableFrom: NOW - 5 * DAY, availableUntil: NOW - DAY }),
          aRequest(),
          CHILI,
          context(),
        ),
      );
      expect(r.rule).toBe('window');
      expect(r.message).toContain('shipping window closed on 2026-01-04');
    });

    it('waits for deliverFrom: departs at deliverFrom - transit so the goods do not arrive early', () => {
      // Harvested just before it leaves, so the wait costs no shelf life.
      const arc = feasible(
        evaluatePair(
          aListing({ harvestedAt: NOW + 9 * DAY, availableUntil: NOW + 12 * DAY }),
          aRequest({ deliverFrom: NOW + 10 * DAY }),
          CHILI,
          context(),
        ),
      );
      expect(arc.arrivalDate).toBe(NOW + 10 * DAY);
      expect(arc.departureDate).toBe(NOW + 10 * DAY - Math.round(arc.transitDays * DAY));
    });

    it('refuses when arriving no earlier than deliverFrom means leaving after the window', () => {
      const r = reason(
        evaluatePair(
          aListing({ availableUntil: NOW + DAY }),
          aRequest({ deliverFrom: NOW + 12 * DAY, deliverBy: NOW + 14 * DAY }),
          CHILI,
          context(),
        ),
      );
      expect(r.rule).toBe('window');
      expect(r.message).toContain("after the listing's shipping window closes");
    });
  });

  describe('rule 4, shelf life', () => {
    it('lets a full reefer container save chili that ambient sea would spoil, counting ambient days on arrival', () => {
      // 30 t fill reefer boxes at a per-kg rate far below air; the buyer's market is ambient.
      const lot = aListing({ remainingQuantity: 30_000 });
      const request = aRequest({ minShelfLifeDaysOnArrival: 1.5 });
      const withReefer = feasible(evaluatePair(lot, request, CHILI, context()));
      expect(withReefer.transportLabel).toBe('sea-reefer');
      expect(withReefer.route.find((l) => l.kind === 'sea')!.freightClass).toMatch(/20 ft reefer/);
      // The box is plugged in at Tanjung Perak (reefer plugs on its yard) but stands unplugged
      // through Batu Ampar's 4 hours of handling (no plugs recorded there): a broken chain. The
      // transit used (transit - 4 h)/14 + 4 h/3 of the life; what is left counts in ambient days
      // (3), not the 14 cold days a reefer would still give. (Before the cold chain was tracked
      // per leg this was 3 x (1 - transit/14): the break costs 4 h x (1/3 - 1/14) x 3 = 0.13 day.)
      expect(withReefer.coldChain).toBe('broken');
      expect(withReefer.ambientTransitHours).toBe(4);
      const ambient = 4 / 24;
      expect(withReefer.shelfLifeDaysOnArrival).toBeCloseTo(
        3 * (1 - (withReefer.transitDays - ambient) / 14 - ambient / 3),
        2,
      );
      expect(withReefer.coldChainBreakShelfDays).toBeCloseTo(ambient * (1 - 3 / 14), 2);
      // Without the benefit of cold storage only the flight is quick enough.
      const noCold = feasible(
        evaluatePair(lot, request, { ...CHILI, shelfLifeDaysCold: 3 }, context()),
      );
      expect(noCold.transportLabel).toBe('air');
      const r = reason(
        evaluatePair(
          lot,
          aRequest({ minShelfLifeDaysOnArrival: 2.5 }),
          { ...CHILI, shelfLifeDaysCold: 3 },
          context(),
        ),
      );
      expect(r.rule).toBe('shelf_life');
      expect(r.message).toMatch(
        /^at most [12]\.\d days of shelf life left on arrival, by air; you need 2\.5$/,
      );
    });

    it('counts the days between harvest and departure against ambient life', () => {
      const request = aRequest({ minShelfLifeDaysOnArrival: 0.5 });
      const fresh = feasible(evaluatePair(aListing(), request, CHILI, context()));
      const older = feasible(
        evaluatePair(aListing({ harvestedAt: NOW - DAY }), request, CHILI, context()),
      );
      // One ambient day out of three is a third of the life: one ambient day fewer on arrival.
      expect(fresh.shelfLifeDaysOnArrival - older.shelfLifeDaysOnArrival).toBeCloseTo(1, 1);
      const tooOld = reason(
        evaluatePair(aListing({ harvestedAt: NOW - 3 * DAY }), aRequest(), CHILI, context()),
      );
      expect(tooOld.rule).toBe('shelf_life');
      expect(tooOld.message).toContain('spoil');
    });
  });

  describe("rule 5, the buyer's reference ceiling (#12)", () => {
    const landed = () =>
      feasible(evaluatePair(aListing(), aRequest({ maxPricePerUnit: 100_000 }), CHILI, context()))
        .landedCostPerUnit;

    it('refuses a pair within the maximum but above the ceiling, in Bahasa Indonesia', () => {
      const cost = landed();
      const r = reason(
        evaluatePair(
          aListing(),
          aRequest({ maxPricePerUnit: 100_000, referenceCeilingPerUnit: cost - 1 }),
          CHILI,
          context(),
        ),
      );
      expect(r.rule).toBe('reference_ceiling');
      const id = (n: number) => `Rp ${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
      expect(r.message).toBe(
        `biaya sampai termurah ${id(cost)} per unit lewat air melebihi batas harga acuan (HET/HAP) ` +
          `${id(cost - 1)} yang dipakai kebijakan pengadaan pembeli`,
      );
      expect(r.wouldTake).toContain(`paling tinggi ${id(cost - 1)}`);
    });

    it('accepts a landed cost equal to the ceiling, and the gain stays maxPrice - landed', () => {
      const cost = landed();
      const arc = feasible(
        evaluatePair(
          aListing(),
          aRequest({ maxPricePerUnit: 100_000, referenceCeilingPerUnit: cost }),
          CHILI,
          context(),
        ),
      );
      expect(arc.landedCostPerUnit).toBe(cost);
      expect(arc.gainPerUnit).toBe(100_000 - cost);
    });

    it('reports the price rule first when the maximum is lower than the ceiling', () => {
      const r = reason(
        evaluatePair(
          aListing(),
          aRequest({ maxPricePerUnit: 30_000, referenceCeilingPerUnit: 200_000 }),
          CHILI,
          context(),
        ),
      );
      expect(r.rule).toBe('price');
    });
  });

  describe('rule 5, price', () => {
    it('refuses when the cheapest landed cost is above the maximum, quoting it', () => {
      const r = reason(
        evaluatePair(aListing(), aRequest({ maxPricePerUnit: 30_000 }), CHILI, context()),
      );
      expect(r.rule).toBe('price');
      const cheapest = feasible(
        evaluatePair(aListing(), aRequest({ maxPricePerUnit: 100_000 }), CHILI, context()),
      );
      const landed = cheapest.landedCostPerUnit.toLocaleString('en-US');
      expect(r.message).toBe(`cheapest landed cost Rp ${landed} by air; your maximum is Rp 30,000`);
      expect(r.wouldTake).toContain(`a maximum price of at least Rp ${landed}`);
      expect(r.wouldTake).toContain('or an asking price of at most Rp');
    });

    it('quotes the option the buyer would get when the fast one is needed for time', () => {
      // Arrival needed within 2 days: only air makes it, at Rp 50,000+.
      const r = reason(
        evaluatePair(
          aListing(),
          aRequest({ deliverBy: NOW + 2 * DAY, maxPricePerUnit: 45_000 }),
          CHILI,
          context(),
        ),
      );
      expect(r.rule).toBe('price');
      expect(r.message).toMatch(
        /^cheapest landed cost Rp 5\d,\d{3} by air; your maximum is Rp 45,000$/,
      );
    });

    it('accepts a landed cost equal to the maximum, with zero gain', () => {
      const cheapest = feasible(
        evaluatePair(aListing(), aRequest({ maxPricePerUnit: 100_000 }), CHILI, context()),
      );
      const arc = feasible(
        evaluatePair(
          aListing(),
          aRequest({ maxPricePerUnit: cheapest.landedCostPerUnit }),
          CHILI,
          context(),
        ),
      );
      expect(arc.gainPerUnit).toBe(0);
    });
  });

  describe('rule 6, minimum order', () => {
    it('refuses a request smaller than the listing minimum', () => {
      const r = reason(
        evaluatePair(
          aListing({ minOrderQuantity: 500 }),
          aRequest({ remainingQuantity: 200 }),
          CHILI,
          context(),
        ),
      );
      expect(r.rule).toBe('min_order');
      expect(r.message).toBe('the listing sells at least 500; the request needs only 200');
    });

    it('serves a request of exactly the minimum', () => {
      const evaluation = evaluatePair(
        aListing({ minOrderQuantity: 500 }),
        aRequest({ remainingQuantity: 500 }),
        CHILI,
        context(),
      );
      expect(evaluation.feasible).toBe(true);
    });

    it('still applies the minimum when exactly the minimum remains in the listing', () => {
      const r = reason(
        evaluatePair(
          aListing({ minOrderQuantity: 500, remainingQuantity: 500 }),
          aRequest({ remainingQuantity: 200 }),
          CHILI,
          context(),
        ),
      );
      expect(r.rule).toBe('min_order');
    });

    it('waives the minimum once less than it remains in the listing', () => {
      const evaluation = evaluatePair(
        aListing({ minOrderQuantity: 500, remainingQuantity: 300 }),
        aRequest({ remainingQuantity: 200 }),
        CHILI,
        context(),
      );
      expect(evaluation.feasible).toBe(true);
    });
  });

  it('trucks Malang chili to Surabaya in under a day', () => {
    const arc = feasible(
      evaluatePair(aListing(), aRequest({ destinationRegionCode: SURABAYA }), CHILI, context()),
    );
    expect(arc.transportMode).toBe('road');
    expect(arc.transitDays).toBeLessThan(1);
  });

  it('adds the agreement bonus to the gain and names the agreement', () => {
    const withAgreement: MatchingContext = {
      ...context(),
      agreementBonus: (origin, destination) =>
        origin === MALANG && destination === BATAM
          ? { agreementId: 'kad-malang-batam', bonusPerUnit: 500 }
          : null,
    };
    const plain = feasible(evaluatePair(aListing(), aRequest(), CHILI, context()));
    const arc = feasible(evaluatePair(aListing(), aRequest(), CHILI, withAgreement));
    expect(arc.agreementId).toBe('kad-malang-batam');
    expect(arc.gainPerUnit).toBe(plain.gainPerUnit + 500);
    expect(arc.landedCostPerUnit).toBe(plain.landedCostPerUnit);
  });
});

/**
 * The "why not" diagnostics are what a buyer or supplier reads when nothing is proposed: each
 * refusal must name its rule, its figures and what would make the pair work, in full.
 */
describe('evaluatePair: why not, in full', () => {
  const network = referenceNetwork();
  /** Every option from Malang to Batam, with its transit in whole milliseconds. */
  const malangToBatam = network
    .optionsByIndex(network.regionIndex(MALANG), network.regionIndex(BATAM))
    .map((option) => ({ option, transitMs: Math.round(option.transitDays * DAY) }));
  const air = malangToBatam.find((o) => o.option.label === 'air')!;
  const stamp = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

  it('another commodity: names both and asks for the same one', () => {
    expect(
      reason(
        evaluatePair(aListing(), aRequest({ commodityCode: 'bawang_merah' }), CHILI, context()),
      ),
    ).toEqual({
      rule: 'grade',
      message: 'the listing offers cabai_merah_keriting and the request wants bawang_merah',
      wouldTake: 'the same commodity',
    });
  });

  it('a grade below the minimum: both ways out', () => {
    expect(
      reason(
        evaluatePair(aListing({ gradeRank: 2 }), aRequest({ minGradeRank: 1 }), CHILI, context()),
      ),
    ).toEqual({
      rule: 'grade',
      message: 'grade II is below the minimum grade I',
      wouldTake: 'a minimum grade of II, or a listing of grade I or better',
    });
  });

  it('no route: names both regions', () => {
    expect(
      reason(evaluatePair(aListing({ originRegionCode: '99.99' }), aRequest(), CHILI, context())),
    ).toEqual({
      rule: 'transport',
      message: 'no road, sea or air route from 99.99 to 21.71',
      wouldTake: 'regions and hubs known to the transport network',
    });
  });

  it('a closed shipping window: its closing date', () => {
    expect(
      reason(
        evaluatePair(
          aListing({ availableFrom: NOW - 5 * DAY, availableUntil: NOW - DAY }),
          aRequest(),
          CHILI,
          context(),
        ),
      ),
    ).toEqual({
      rule: 'window',
      message: "the listing's shipping window closed on 2026-01-04 00:00 UTC",
      wouldTake: 'a listing whose shipping window is still open',
    });
  });

  it('too late for deliverBy: the fastest option, leaving now, and the deliverBy it would take', () => {
    const fastest = Math.min(...malangToBatam.map((o) => o.transitMs));
    expect(air.transitMs).toBe(fastest);
    const arrival = NOW + air.transitMs;
    expect(
      reason(
        evaluatePair(
          aListing(),
          aRequest({ deliverBy: NOW + DAY, maxPricePerUnit: 100_000 }),
          CHILI,
          context(),
        ),
      ),
    ).toEqual({
      rule: 'window',
      message:
        `earliest arrival in ${(air.transitMs / DAY).toFixed(1)} days by air (${stamp(arrival)}); ` +
        'you need it by 2026-01-06 00:00 UTC, in 1.0 days',
      wouldTake: `a deliverBy on or after ${stamp(arrival)}, or a listing that ships sooner`,
    });
  });

  it('too late for deliverBy when the listing only ships later: the wait counts', () => {
    // The listing opens in 3 days; air is still the option that misses deliverBy by the least.
    const arrival = NOW + 3 * DAY + air.transitMs;
    expect(
      reason(
        evaluatePair(
          aListing({ availableFrom: NOW + 3 * DAY, harvestedAt: NOW + 3 * DAY }),
          aRequest({ deliverBy: NOW + 4 * DAY, maxPricePerUnit: 100_000 }),
          CHILI,
          context(),
        ),
      ),
    ).toEqual({
      rule: 'window',
      message:
        `earliest arrival in ${((3 * DAY + air.transitMs) / DAY).toFixed(1)} days by air ` +
        `(${stamp(arrival)}); you need it by 2026-01-09 00:00 UTC, in 4.0 days`,
      wouldTake: `a deliverBy on or after ${stamp(arrival)}, or a listing that ships sooner`,
    });
  });

  it('deliverFrom after the window: the departure it forces and the latest deliverFrom that works', () => {
    // Of the options that reach Batam in time, the one that misses the window by the least is
    // the slowest (it may leave earliest); the wording names it and its figures.
    const listing = aListing({ availableUntil: NOW + DAY });
    const request = aRequest({ deliverFrom: NOW + 12 * DAY, deliverBy: NOW + 14 * DAY });
    const slowest = malangToBatam.reduce((a, b) => (b.transitMs > a.transitMs ? b : a));
    const departure = NOW + 12 * DAY - slowest.transitMs;
    expect(reason(evaluatePair(listing, request, CHILI, context()))).toEqual({
      rule: 'window',
      message:
        `arriving no earlier than 2026-01-17 00:00 UTC by ${slowest.option.label} means leaving on ` +
        `${stamp(departure)}, after the listing's shipping window closes on 2026-01-06 00:00 UTC`,
      wouldTake:
        `a deliverFrom on or before ${stamp(NOW + DAY + slowest.transitMs)}, ` +
        'or a listing available later',
    });
  });

  it('goods that spoil before arrival: by how much, on the best option, and what is needed', () => {
    // Harvested 4 days ago with 3 ambient days of life: spoilt a day before leaving, on any option.
    const r = reason(
      evaluatePair(
        aListing({ harvestedAt: NOW - 4 * DAY }),
        aRequest({ minShelfLifeDaysOnArrival: 2 }),
        CHILI,
        context(),
      ),
    );
    expect(r.rule).toBe('shelf_life');
    expect(r.message).toMatch(
      /^the goods spoil \d+\.\d days before arrival even by [a-z-]+; you need 2\.0 days left$/,
    );
    expect(r.wouldTake).toBe('a fresher harvest or a faster route');
  });

  it('too little shelf life left: the most any option leaves, and the minimum that would work', () => {
    expect(
      reason(
        evaluatePair(
          aListing(),
          aRequest({ minShelfLifeDaysOnArrival: 2 }),
          { ...CHILI, shelfLifeDaysCold: 3 },
          context(),
        ),
      ),
    ).toEqual({
      rule: 'shelf_life',
      message: 'at most 1.9 days of shelf life left on arrival, by air; you need 2.0',
      wouldTake:
        'a minimum shelf life on arrival of 1.9 days or less, a fresher harvest or a faster route',
    });
  });

  it('a maximum below the cheapest landed cost: both ways out, with the asking price that works', () => {
    const cheapest = feasible(
      evaluatePair(aListing(), aRequest({ maxPricePerUnit: 100_000 }), CHILI, context()),
    );
    const r = reason(
      evaluatePair(aListing(), aRequest({ maxPricePerUnit: 33_000 }), CHILI, context()),
    );
    const landed = cheapest.landedCostPerUnit.toLocaleString('en-US');
    // The asking price that lands at 33,000 by the same option: (33,000 - transport) x (1 - shrink).
    const asking = Math.floor((33_000 - cheapest.transportCostPerUnit) * (1 - cheapest.shrinkRate));
    expect(r).toEqual({
      rule: 'price',
      message: `cheapest landed cost Rp ${landed} by air; your maximum is Rp 33,000`,
      wouldTake: `a maximum price of at least Rp ${landed}, or an asking price of at most Rp ${asking.toLocaleString('en-US')}`,
    });
    // And that asking price is indeed matched at that maximum.
    feasible(
      evaluatePair(
        aListing({ pricePerUnit: asking }),
        aRequest({ maxPricePerUnit: 33_000 }),
        CHILI,
        context(),
      ),
    );
  });

  it('a maximum below the transport cost alone: no asking price helps, so none is offered', () => {
    const cheapest = feasible(
      evaluatePair(aListing(), aRequest({ maxPricePerUnit: 100_000 }), CHILI, context()),
    );
    const r = reason(evaluatePair(aListing(), aRequest({ maxPricePerUnit: 1 }), CHILI, context()));
    expect(r).toEqual({
      rule: 'price',
      message: `cheapest landed cost Rp ${cheapest.landedCostPerUnit.toLocaleString('en-US')} by air; your maximum is Rp 1`,
      wouldTake: `a maximum price of at least Rp ${cheapest.landedCostPerUnit.toLocaleString('en-US')}`,
    });
  });

  it('a request below the minimum order: both ways out', () => {
    expect(
      reason(
        evaluatePair(
          aListing({ minOrderQuantity: 500 }),
          aRequest({ remainingQuantity: 200 }),
          CHILI,
          context(),
        ),
      ),
    ).toEqual({
      rule: 'min_order',
      message: 'the listing sells at least 500; the request needs only 200',
      wouldTake: 'a request for at least 500, or a listing without that minimum',
    });
  });

  it('verified counterparts only: says which side refuses and what would lift it', () => {
    expect(
      reason(
        evaluatePair(aListing(), aRequest({ verifiedCounterpartsOnly: true }), CHILI, context()),
      ),
    ).toEqual({
      rule: 'counterpart',
      message:
        'the buyer takes proposals from verified suppliers only, and this supplier is not verified',
      wouldTake:
        "the supplier's verification by a platform administrator, or a buyer open to unverified suppliers",
    });
    expect(
      reason(
        evaluatePair(aListing({ verifiedCounterpartsOnly: true }), aRequest(), CHILI, context()),
      ),
    ).toEqual({
      rule: 'counterpart',
      message:
        'the supplier takes proposals from verified buyers only, and this buyer is not verified',
      wouldTake:
        "the buyer's verification by a platform administrator, or a supplier open to unverified buyers",
    });
  });

  describe('of options that all miss the windows, the one that misses by the least is named', () => {
    // Air departs latest for a deliverFrom (it may leave last); the faster sea option must leave
    // at once and arrives late. The listing opens and closes now (an open window, not a closed
    // one). Each case is worked out by hand: miss = time past the listing's window + time past
    // deliverBy, ties to the first option in the route (air).
    const fastSea = malangToBatam
      .filter((o) => o.option.label === 'sea')
      .reduce((a, b) => (b.transitMs < a.transitMs ? b : a));
    const at = (days: number) => NOW + Math.round(days * DAY);
    const viaAir = (deliverFrom: number, availableUntil: number) => ({
      rule: 'window',
      message:
        `arriving no earlier than ${stamp(deliverFrom)} by air means leaving on ` +
        `${stamp(deliverFrom - air.transitMs)}, after the listing's shipping window closes on ` +
        `${stamp(availableUntil)}`,
      wouldTake: `a deliverFrom on or before ${stamp(availableUntil + air.transitMs)}, or a listing available later`,
    });
    const lateBySea = (deliverBy: number) => ({
      rule: 'window',
      message:
        `earliest arrival in ${(fastSea.transitMs / DAY).toFixed(1)} days by sea ` +
        `(${stamp(NOW + fastSea.transitMs)}); you need it by ${stamp(deliverBy)}, in ` +
        `${((deliverBy - NOW) / DAY).toFixed(1)} days`,
      wouldTake: `a deliverBy on or after ${stamp(NOW + fastSea.transitMs)}, or a listing that ships sooner`,
    });
    const refusal = (availableUntil: number, deliverFrom: number, deliverBy: number) =>
      reason(
        evaluatePair(
          aListing({ availableFrom: NOW, availableUntil }),
          aRequest({ deliverFrom, deliverBy, maxPricePerUnit: 100_000 }),
          CHILI,
          context(),
        ),
      );

    it('air arriving exactly on deliverBy misses only the window (by 0.23 days): air, not late', () => {
      // Every sea option leaves now and arrives days late.
      expect(refusal(NOW, at(1.25), at(1.25))).toEqual(viaAir(at(1.25), NOW));
    });

    it('a sea option late by less than air misses the window is named instead', () => {
      // Air misses the window by 0.23 days; the fast sea option is late by 0.2 days.
      expect(refusal(NOW, at(1.25), at(3.25))).toEqual(lateBySea(at(3.25)));
    });

    it('air missing the window by less than the sea option is late is named', () => {
      // Air leaves at 0.48 days, 0.23 past the window; the fast sea option is 0.45 late.
      expect(refusal(at(0.25), at(1.5), at(3))).toEqual(viaAir(at(1.5), at(0.25)));
    });

    it('on a tie the first option (air) is named', () => {
      const airMiss = at(1.25) - air.transitMs - NOW; // past the window closing now
      const deliverBy = NOW + fastSea.transitMs - airMiss; // the fast sea option late by as much
      expect(refusal(NOW, at(1.25), deliverBy)).toEqual(viaAir(at(1.25), NOW));
    });
  });

  it('too little shelf life: only the options within the windows count', () => {
    // With a long cold life the reefer keeps the most life, but it arrives after deliverBy.
    const r = reason(
      evaluatePair(
        aListing(),
        aRequest({ deliverBy: NOW + 4 * DAY, minShelfLifeDaysOnArrival: 2.5 }),
        { ...CHILI, shelfLifeDaysCold: 100 },
        context(),
      ),
    );
    const airLeft =
      Math.floor(shelfLeftDays(NOW, air.transitMs, air.transitMs, NOW, shelfModel(CHILI)) * 10) /
      10;
    expect(r).toEqual({
      rule: 'shelf_life',
      message: `at most ${airLeft.toFixed(1)} days of shelf life left on arrival, by air; you need 2.5`,
      wouldTake: `a minimum shelf life on arrival of ${airLeft.toFixed(1)} days or less, a fresher harvest or a faster route`,
    });
  });

  it('goods spoilt on arrival by every option within the windows: the first of equals is named', () => {
    // deliverFrom makes air and the fast sea option both arrive at day 6 (air leaving later), so
    // the goods are as old on arrival by either; the other options leave on day 2 and are late.
    const fastSea = malangToBatam
      .filter((o) => o.option.label === 'sea')
      .reduce((a, b) => (b.transitMs < a.transitMs ? b : a));
    const shelf = shelfModel(CHILI);
    const arrival = NOW + 6 * DAY;
    const harvestedAt = NOW + DAY / 4; // 2.75 days of ambient life gone by either, exactly
    const airLeft = shelfLeftDays(
      arrival - air.transitMs,
      air.transitMs,
      air.transitMs,
      harvestedAt,
      shelf,
    );
    const seaLeft = shelfLeftDays(
      arrival - fastSea.transitMs,
      fastSea.transitMs,
      fastSea.transitMs,
      harvestedAt,
      shelf,
    );
    expect(airLeft).toBe(seaLeft); // a true tie, not float noise
    expect(
      reason(
        evaluatePair(
          aListing({ availableFrom: NOW + 2 * DAY, harvestedAt }),
          aRequest({ deliverFrom: arrival, deliverBy: arrival }),
          CHILI,
          context(),
        ),
      ),
    ).toEqual({
      rule: 'shelf_life',
      message: `the goods spoil ${(-airLeft).toFixed(1)} days before arrival even by air; you need 1.0 days left`,
      wouldTake: 'a fresher harvest or a faster route',
    });
  });

  it('goods with exactly no life left on arrival are called spoilt, with no life to offer', () => {
    // Harvested so that the air trip uses up the last of the 3 ambient days.
    const harvestedAt = NOW - (3 * DAY - air.transitMs);
    expect(shelfLeftDays(NOW, air.transitMs, air.transitMs, harvestedAt, shelfModel(CHILI))).toBe(
      0,
    );
    expect(reason(evaluatePair(aListing({ harvestedAt }), aRequest(), CHILI, context()))).toEqual({
      rule: 'shelf_life',
      message: 'the goods spoil 0.0 days before arrival even by air; you need 1.0 days left',
      wouldTake: 'a fresher harvest or a faster route',
    });
  });

  it('a maximum leaving room for an asking price of Rp 1 still offers it, and it is matched', () => {
    const cheapest = feasible(
      evaluatePair(aListing(), aRequest({ maxPricePerUnit: 100_000 }), CHILI, context()),
    );
    expect(cheapest.transportLabel).toBe('air');
    // 2 rupiah above the transport cost: Rp 1 lands at ceil(1 / 0.96) = 2.
    const maxPricePerUnit = cheapest.transportCostPerUnit + 2;
    expect(
      reason(evaluatePair(aListing(), aRequest({ maxPricePerUnit }), CHILI, context())).wouldTake,
    ).toBe(
      `a maximum price of at least Rp ${cheapest.landedCostPerUnit.toLocaleString('en-US')}, ` +
        'or an asking price of at most Rp 1',
    );
    feasible(
      evaluatePair(aListing({ pricePerUnit: 1 }), aRequest({ maxPricePerUnit }), CHILI, context()),
    );
  });

  it('an arc names its shrink: the rate, and the landed cost it adds per unit', () => {
    const arc = feasible(evaluatePair(aListing(), aRequest(), CHILI, context()));
    expect(arc.shrinkRate).toBe(arc.shrinkPpm / 1_000_000);
    expect(arc.shrinkRate).toBeCloseTo(0.04, 6); // chili by air: 4 %
    expect(arc.shrinkPerUnit).toBe(arc.landedCostPerUnit - arc.transportCostPerUnit - 30_000);
    expect(arc.shrinkPerUnit).toBe(Math.ceil(30_000 / 0.96) - 30_000);
  });
});

/**
 * The same refusals as codes and raw figures: the console words them in Bahasa Indonesia or
 * English from its own catalogs, so each code must carry every figure its sentence needs.
 */
describe('evaluatePair: why not, as codes and figures', () => {
  const network = referenceNetwork();
  const malangToBatam = network
    .optionsByIndex(network.regionIndex(MALANG), network.regionIndex(BATAM))
    .map((option) => ({ option, transitMs: Math.round(option.transitDays * DAY) }));
  const air = malangToBatam.find((o) => o.option.label === 'air')!;

  it('another commodity and a grade below the minimum name what is offered and wanted', () => {
    expect(
      structured(
        evaluatePair(aListing(), aRequest({ commodityCode: 'bawang_merah' }), CHILI, context()),
      ),
    ).toEqual({
      code: 'other_commodity',
      params: { offeredCommodity: 'cabai_merah_keriting', wantedCommodity: 'bawang_merah' },
    });
    expect(
      structured(
        evaluatePair(aListing({ gradeRank: 2 }), aRequest({ minGradeRank: 1 }), CHILI, context()),
      ),
    ).toEqual({ code: 'grade_below_minimum', params: { offeredGrade: 'II', minimumGrade: 'I' } });
  });

  it('no route names both regions', () => {
    expect(
      structured(
        evaluatePair(aListing({ originRegionCode: '99.99' }), aRequest(), CHILI, context()),
      ),
    ).toEqual({
      code: 'no_route',
      params: { originRegionCode: '99.99', destinationRegionCode: '21.71' },
    });
  });

  it('a closed window carries its closing instant', () => {
    expect(
      structured(
        evaluatePair(
          aListing({ availableFrom: NOW - 5 * DAY, availableUntil: NOW - DAY }),
          aRequest(),
          CHILI,
          context(),
        ),
      ),
    ).toEqual({ code: 'window_closed', params: { availableUntil: NOW - DAY } });
  });

  it('too late: the option, its arrival, the deliverBy and both in days from now', () => {
    expect(
      structured(
        evaluatePair(
          aListing(),
          aRequest({ deliverBy: NOW + DAY, maxPricePerUnit: 100_000 }),
          CHILI,
          context(),
        ),
      ),
    ).toEqual({
      code: 'arrives_too_late',
      params: {
        transport: 'air',
        arrivalDate: NOW + air.transitMs,
        deliverBy: NOW + DAY,
        arrivalInDays: Math.round((air.transitMs / DAY) * 10) / 10,
        deliverByInDays: 1,
      },
    });
  });

  it('leaving after the window: the departure it forces and the latest deliverFrom that works', () => {
    const slowest = malangToBatam.reduce((a, b) => (b.transitMs > a.transitMs ? b : a));
    expect(
      structured(
        evaluatePair(
          aListing({ availableUntil: NOW + DAY }),
          aRequest({ deliverFrom: NOW + 12 * DAY, deliverBy: NOW + 14 * DAY }),
          CHILI,
          context(),
        ),
      ),
    ).toEqual({
      code: 'departs_after_window',
      params: {
        transport: slowest.option.label,
        deliverFrom: NOW + 12 * DAY,
        departureDate: NOW + 12 * DAY - slowest.transitMs,
        availableUntil: NOW + DAY,
        latestDeliverFrom: NOW + DAY + slowest.transitMs,
      },
    });
  });

  it('shelf life: spoilt goods say by how much; short ones the most any option leaves', () => {
    const spoilt = structured(
      evaluatePair(
        aListing({ harvestedAt: NOW - 4 * DAY }),
        aRequest({ minShelfLifeDaysOnArrival: 2 }),
        CHILI,
        context(),
      ),
    );
    expect(spoilt.code).toBe('spoils_before_arrival');
    expect(spoilt.params.neededShelfLifeDays).toBe(2);
    expect(spoilt.params.spoiledDaysBeforeArrival).toBeGreaterThan(0);
    expect(
      structured(
        evaluatePair(
          aListing(),
          aRequest({ minShelfLifeDaysOnArrival: 2 }),
          { ...CHILI, shelfLifeDaysCold: 3 },
          context(),
        ),
      ),
    ).toEqual({
      code: 'shelf_life_too_short',
      params: { transport: 'air', shelfLifeDaysLeft: 1.9, neededShelfLifeDays: 2 },
    });
  });

  it('price: the landed cost, the maximum and the asking price that works (none when none helps)', () => {
    const cheapest = feasible(
      evaluatePair(aListing(), aRequest({ maxPricePerUnit: 100_000 }), CHILI, context()),
    );
    const asking = Math.floor((33_000 - cheapest.transportCostPerUnit) * (1 - cheapest.shrinkRate));
    expect(
      structured(evaluatePair(aListing(), aRequest({ maxPricePerUnit: 33_000 }), CHILI, context())),
    ).toEqual({
      code: 'above_maximum_price',
      params: {
        transport: 'air',
        landedCostPerUnit: cheapest.landedCostPerUnit,
        maxPricePerUnit: 33_000,
        maxAskingPricePerUnit: asking,
      },
    });
    expect(
      structured(evaluatePair(aListing(), aRequest({ maxPricePerUnit: 1 }), CHILI, context()))
        .params.maxAskingPricePerUnit,
    ).toBeNull();
  });

  it('the reference ceiling: the landed cost and the ceiling', () => {
    const cheapest = feasible(
      evaluatePair(aListing(), aRequest({ maxPricePerUnit: 100_000 }), CHILI, context()),
    );
    expect(
      structured(
        evaluatePair(
          aListing(),
          aRequest({ maxPricePerUnit: 100_000, referenceCeilingPerUnit: 20_000 }),
          CHILI,
          context(),
        ),
      ),
    ).toEqual({
      code: 'above_reference_ceiling',
      params: {
        transport: 'air',
        landedCostPerUnit: cheapest.landedCostPerUnit,
        ceilingPerUnit: 20_000,
      },
    });
  });

  it('minimum order and verified counterparts', () => {
    expect(
      structured(
        evaluatePair(
          aListing({ minOrderQuantity: 500 }),
          aRequest({ remainingQuantity: 200 }),
          CHILI,
          context(),
        ),
      ),
    ).toEqual({
      code: 'below_minimum_order',
      params: { minOrderQuantity: 500, requestedQuantity: 200 },
    });
    expect(
      structured(
        evaluatePair(aListing(), aRequest({ verifiedCounterpartsOnly: true }), CHILI, context()),
      ),
    ).toEqual({ code: 'buyer_wants_verified_supplier', params: {} });
    expect(
      structured(
        evaluatePair(aListing({ verifiedCounterpartsOnly: true }), aRequest(), CHILI, context()),
      ),
    ).toEqual({ code: 'supplier_wants_verified_buyer', params: {} });
  });
});

describe('pair rules at their limits', () => {
  const network = referenceNetwork();
  const air = network
    .optionsByIndex(network.regionIndex(MALANG), network.regionIndex(BATAM))
    .find((o) => o.label === 'air')!;
  const airMs = Math.round(air.transitDays * DAY);

  it('both windows are inclusive: leaving on the last day, arriving exactly at deliverBy', () => {
    const listing = aListing({ availableFrom: NOW - DAY, availableUntil: NOW });
    const arc = feasible(
      evaluatePair(
        listing,
        aRequest({ deliverBy: NOW + airMs, maxPricePerUnit: 100_000 }),
        CHILI,
        context(),
      ),
    );
    expect(arc).toMatchObject({
      transportLabel: 'air',
      departureDate: listing.availableUntil,
      arrivalDate: NOW + airMs,
    });
    // One millisecond less and air arrives late: nothing else is faster.
    expect(
      reason(
        evaluatePair(
          listing,
          aRequest({ deliverBy: NOW + airMs - 1, maxPricePerUnit: 100_000 }),
          CHILI,
          context(),
        ),
      ).rule,
    ).toBe('window');
  });

  it('counts the life left in chilled days as the same fraction of the chilled life', () => {
    // Chili: 3 ambient days, 14 chilled. A day's ambient trip from harvest leaves 2 of 3
    // ambient days: two thirds of the life, 9.33 chilled days.
    const shelf = shelfModel(CHILI);
    expect(shelfLeftDays(NOW, DAY, DAY, NOW, shelf)).toBeCloseTo(2, 9);
    expect(chilledDaysOf(shelfLeftDays(NOW, DAY, DAY, NOW, shelf), shelf)).toBeCloseTo(
      (2 / 3) * 14,
      9,
    );
  });

  it('a shelf life short of the minimum by float noise only (1e-8 day) still fits', () => {
    expect(shelfFitsMinimum(2 - 1e-8, 2)).toBe(true);
    expect(shelfFitsMinimum(2, 2)).toBe(true);
    expect(shelfFitsMinimum(2 - 1e-6, 2)).toBe(false);
  });

  it('grade fits only within the same commodity', () => {
    expect(gradeFits(aListing(), aRequest())).toBe(true);
    expect(gradeFits(aListing(), aRequest({ commodityCode: 'bawang_merah' }))).toBe(false);
    expect(gradeFits(aListing({ gradeRank: 2 }), aRequest({ minGradeRank: 1 }))).toBe(false);
  });

  it('of options landing at the same cost, the first in the route order is chosen', () => {
    // Two options of one hand-made route with equal landed costs and different transits.
    const route: CompiledRoute = {
      options: [],
      transitMs: [DAY, 2 * DAY],
      costPerUnit: [1_000, 1_000],
      shrinkSlot: [0, 0],
      ambientMs: [0, 0],
    };
    const facts = {
      listing: aListing(),
      originIndex: 0,
      earliestDeparture: NOW,
      landedBaseBySlot: [30_000],
      shrinkPpmBySlot: [0],
      lotBand: DEFAULT_LOT_BAND,
    };
    const out = newOptionChoice();
    const shelf = shelfModel(CHILI);
    expect(chooseOption(facts, aRequest(), route, shelf, out)).toBe(PAIR_OK);
    expect(out).toEqual({
      option: 0,
      departure: NOW,
      landed: 31_000,
      shelfLeft: shelfLeftDays(NOW, DAY, 0, NOW, shelf),
    });
  });
});
