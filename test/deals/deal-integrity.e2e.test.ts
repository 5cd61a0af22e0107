import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, daysFromNow, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { waitFor } from '../support/wait';

/**
 * Issue #8, points 1-3: each test reproduces one defect reported against the demo (decisions that
 * did not stick, terms that changed under an accepted proposal, a shipped trade cancelled) and
 * shows the new behaviour. Every test uses its own commodity, so that the engine's runs for one
 * do not touch another's market.
 */
describe('deal integrity (e2e: API and worker)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
  });
  afterAll(async () => {
    await api.close();
  });

  interface MatchBody {
    id: string;
    supplyListingId: string;
    demandRequestId: string;
    quantity: number;
    quantityDelivered: number;
    pricePerUnit: number;
    status: string;
    supersededReason?: string | null;
    tradeId?: string | null;
    tradeStatus?: string | null;
  }

  const post = async (party: Party, path: string, body: object, status = 201) =>
    (await api.http.post(`/api/v1/${path}`).set(party.auth).send(body).expect(status)).body;
  const patch = async (party: Party, path: string, body: object, status = 200) =>
    (await api.http.patch(`/api/v1/${path}`).set(party.auth).send(body).expect(status)).body;
  const get = async (party: Party, path: string, status = 200) =>
    (await api.http.get(`/api/v1/${path}`).set(party.auth).expect(status)).body;

  const matchesOf = async (party: Party, query: string): Promise<MatchBody[]> =>
    (await get(party, `matches?${query}&limit=100`)).items as MatchBody[];
  const proposalFor = (party: Party, listingId: string, requestId: string) =>
    waitFor(
      async () =>
        (
          await matchesOf(
            party,
            `supplyListingId=${listingId}&demandRequestId=${requestId}&status=proposed`,
          )
        )[0],
      { what: `a proposal for ${listingId} x ${requestId}` },
    );
  const inbox = async (party: Party, type: string) =>
    ((await get(party, 'notifications?limit=100')).items as { type: string; data: never }[])
      .filter((n) => n.type === type)
      .map((n) => n.data as { match: MatchBody; reason?: string });

  /** Registers a cooperative in Malang and a procurement office in Batam. */
  const parties = async () => ({
    coop: await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' }),
    buyer: await registerParty(api.http, { type: 'procurement', regionCode: '21.71' }),
  });

  /** A listing, a request and the engine's proposal between them. */
  const proposed = async (
    commodityCode: string,
    listing: Record<string, unknown> = {},
    request: Record<string, unknown> = {},
  ) => {
    const { coop, buyer } = await parties();
    const l = await post(coop, 'supply-listings', aListing({ commodityCode, ...listing }));
    const r = await post(
      buyer,
      'demand-requests',
      aRequest({ commodityCode, minGrade: 'II', ...request }),
    );
    const match = await proposalFor(buyer, l.id, r.id);
    return { coop, buyer, listing: l, request: r, match };
  };

  /**
   * Another buyer's request that the listing can serve: once it is proposed, the engine has run
   * after everything that happened before it was posted.
   */
  const sentinel = async (commodityCode: string, listingId: string, quantity = 1000) => {
    const other = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const r = await post(
      other,
      'demand-requests',
      aRequest({ commodityCode, minGrade: 'II', quantity }),
    );
    await proposalFor(other, listingId, r.id);
  };

  const confirmed = async (commodityCode: string) => {
    const deal = await proposed(commodityCode);
    await post(deal.coop, `matches/${deal.match.id}/accept`, {}, 200);
    await post(deal.buyer, `matches/${deal.match.id}/accept`, {}, 200);
    const [trade] = (await get(deal.buyer, `trades?commodityCode=${commodityCode}`)).items;
    return { ...deal, trade };
  };

  describe('decisions that stick', () => {
    it('refuses a decline without a valid reason, naming the field, and changes nothing', async () => {
      const { buyer, match } = await proposed('telur_ayam_ras');
      for (const body of [{}, { reason: 'bored' }, { reason: 'price', note: 42 }]) {
        const res = await api.http
          .post(`/api/v1/matches/${match.id}/decline`)
          .set(buyer.auth)
          .send(body)
          .expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
          expect.arrayContaining(['reason' in body && body.reason === 'price' ? 'note' : 'reason']),
        );
      }
      expect((await get(buyer, `matches/${match.id}`)).status).toBe('proposed');
    });

    it('never proposes a pair declined for its price again until the price improves', async () => {
      const commodity = 'cabai_merah_besar';
      const { coop, buyer, listing, request, match } = await proposed(commodity);
      const declined = await post(
        buyer,
        `matches/${match.id}/decline`,
        { reason: 'price', note: 'Terlalu mahal untuk minggu ini' },
        200,
      );
      expect(declined).toMatchObject({ status: 'declined', buyerDecision: 'declined' });

      // The engine has run since the decline (it proposed to a newcomer), without the declined pair.
      await sentinel(commodity, listing.id);
      expect(
        await matchesOf(
          buyer,
          `supplyListingId=${listing.id}&demandRequestId=${request.id}&status=proposed`,
        ),
      ).toEqual([]);

      const [exclusion] = (await get(buyer, 'exclusions')).items;
      expect(exclusion).toMatchObject({
        kind: 'pair',
        reason: 'price',
        note: 'Terlalu mahal untuk minggu ini',
        supplyListingId: listing.id,
        demandRequestId: request.id,
        matchId: match.id,
        counterpartOrganizationId: coop.organization.id,
      });
      expect((await get(coop, 'exclusions')).items).toEqual([]);

      // A change that has nothing to do with the price does not bring it back...
      await patch(buyer, `demand-requests/${request.id}`, { notes: 'Untuk pasar induk' });
      await sentinel(commodity, listing.id, 500);
      expect(
        await matchesOf(
          buyer,
          `supplyListingId=${listing.id}&demandRequestId=${request.id}&status=proposed`,
        ),
      ).toEqual([]);

      // ...a lower asking price does.
      await patch(coop, `supply-listings/${listing.id}`, { pricePerUnit: 30000 });
      const again = await proposalFor(buyer, listing.id, request.id);
      expect(again.pricePerUnit).toBe(30000);
    });

    it('excludes a partner from all of the decliner’s proposals until the exclusion is lifted', async () => {
      const commodity = 'bawang_putih_bonggol';
      const { coop, buyer, listing, request, match } = await proposed(commodity, {
        quantity: 3000,
      });
      // The same two organizations also have an open proposal in another commodity.
      // (Rice no other test posts, so that no other listing competes for the request.)
      const rice = 'beras_sphp';
      const riceListing = await post(
        coop,
        'supply-listings',
        aListing({ commodityCode: rice, grade: 'medium', pricePerUnit: 12000 }),
      );
      const riceRequest = await post(
        buyer,
        'demand-requests',
        aRequest({ commodityCode: rice, minGrade: 'medium', maxPricePerUnit: 20000 }),
      );
      const riceMatch = await proposalFor(buyer, riceListing.id, riceRequest.id);
      await post(buyer, `matches/${match.id}/decline`, { reason: 'partner' }, 200);
      // A partner is excluded in every commodity: that proposal is superseded at once.
      expect(await get(buyer, `matches/${riceMatch.id}`)).toMatchObject({
        status: 'superseded',
        supersededReason: 'partner_excluded',
      });

      // The same cooperative's other listing is not proposed to this buyer either; another
      // cooperative's listing is (which also shows that the engine ran).
      const second = await post(
        coop,
        'supply-listings',
        aListing({ commodityCode: commodity, quantity: 3000 }),
      );
      const rival = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
      const third = await post(
        rival,
        'supply-listings',
        aListing({ commodityCode: commodity, quantity: 1000, pricePerUnit: 33000 }),
      );
      await proposalFor(buyer, third.id, request.id);
      const withCoop = (await matchesOf(buyer, `demandRequestId=${request.id}&status=proposed`))
        .map((m) => m.supplyListingId)
        .filter((id) => id === listing.id || id === second.id);
      expect(withCoop).toEqual([]);

      const [exclusion] = (await get(buyer, 'exclusions')).items;
      expect(exclusion).toMatchObject({
        kind: 'partner',
        reason: 'partner',
        counterpartOrganizationId: coop.organization.id,
      });
      // Only its owner sees or lifts it.
      await api.http.delete(`/api/v1/exclusions/${exclusion.id}`).set(coop.auth).expect(404);
      await api.http.delete(`/api/v1/exclusions/${exclusion.id}`).set(buyer.auth).expect(204);
      expect((await get(buyer, 'exclusions')).items).toEqual([]);
      await waitFor(
        async () =>
          (await matchesOf(buyer, `demandRequestId=${request.id}&status=proposed`)).some(
            (m) => m.supplyListingId === listing.id || m.supplyListingId === second.id,
          ),
        { what: 'a proposal with the cooperative again once the exclusion is lifted' },
      );
      await waitFor(
        async () =>
          (await matchesOf(buyer, `demandRequestId=${riceRequest.id}&status=proposed`)).some(
            (m) => m.supplyListingId === riceListing.id,
          ),
        { what: 'the other commodity proposed again once the exclusion is lifted' },
      );
    });

    it('treats the pair of a cancelled trade as declined: its quantity returns, the pair is not re-proposed', async () => {
      const commodity = 'bawang_merah';
      const { coop, buyer, listing, request, match, trade } = await confirmed(commodity);
      await patch(buyer, `trades/${trade.id}`, {
        status: 'cancelled',
        reason: 'Armada tidak tersedia',
      });
      expect((await get(coop, `supply-listings/${listing.id}`)).remainingQuantity).toBe(5000);
      expect((await get(buyer, `demand-requests/${request.id}`)).remainingQuantity).toBe(3000);
      expect(await get(coop, `matches/${match.id}`)).toMatchObject({
        tradeId: trade.id,
        tradeStatus: 'cancelled',
      });

      await sentinel(commodity, listing.id);
      expect(
        await matchesOf(
          buyer,
          `supplyListingId=${listing.id}&demandRequestId=${request.id}&status=proposed`,
        ),
      ).toEqual([]);
      const [exclusion] = (await get(buyer, 'exclusions')).items;
      expect(exclusion).toMatchObject({
        kind: 'pair',
        reason: 'other',
        tradeId: trade.id,
        supplyListingId: listing.id,
        demandRequestId: request.id,
      });
    });
  });

  describe('terms that hold', () => {
    it('supersedes an accepted proposal when the listing’s grade and window change under it', async () => {
      const { coop, buyer, listing, match } = await proposed(
        'cabai_rawit_merah',
        {},
        { minGrade: 'I' },
      );
      await post(buyer, `matches/${match.id}/accept`, {}, 200);
      await patch(coop, `supply-listings/${listing.id}`, {
        grade: 'II',
        availableFrom: daysFromNow(1),
        availableUntil: daysFromNow(6),
      });
      const res = await api.http
        .post(`/api/v1/matches/${match.id}/accept`)
        .set(coop.auth)
        .expect(409);
      expect(res.body.code).toBe('NOT_PROPOSED');
      const after = await get(buyer, `matches/${match.id}`);
      expect(after.status).toBe('superseded');
      expect(after.supersededReason).toBe('listing_changed: grade, availableFrom, availableUntil');
      expect(await get(buyer, 'trades')).toMatchObject({ items: [] });
      for (const party of [coop, buyer]) {
        const [note] = await waitFor(
          async () => {
            const items = await inbox(party, 'match.superseded');
            return items.length > 0 && items;
          },
          { what: 'match.superseded in both inboxes' },
        );
        expect(note.reason).toBe('listing_changed: grade, availableFrom, availableUntil');
        expect(note.match.id).toBe(match.id);
      }
    });

    it('supersedes an accepted proposal when the price changes, and proposes again at the new price', async () => {
      const { coop, buyer, listing, request, match } = await proposed('cabai_rawit_hijau', {
        pricePerUnit: 31000,
      });
      expect(match.pricePerUnit).toBe(31000);
      await post(buyer, `matches/${match.id}/accept`, {}, 200);
      // Notes are not a term: the accepted proposal stands.
      await patch(coop, `supply-listings/${listing.id}`, { notes: 'Dipetik pagi' });
      expect((await get(buyer, `matches/${match.id}`)).status).toBe('proposed');

      await patch(coop, `supply-listings/${listing.id}`, { pricePerUnit: 36000 });
      await api.http.post(`/api/v1/matches/${match.id}/accept`).set(coop.auth).expect(409);
      expect(await get(coop, `matches/${match.id}`)).toMatchObject({
        status: 'superseded',
        supersededReason: 'listing_changed: pricePerUnit',
      });
      const again = await proposalFor(buyer, listing.id, request.id);
      expect(again.pricePerUnit).toBe(36000);
      await post(buyer, `matches/${again.id}/accept`, {}, 200);
      await post(coop, `matches/${again.id}/accept`, {}, 200);
      const [trade] = (await get(buyer, 'trades?commodityCode=cabai_rawit_hijau')).items;
      expect(trade.pricePerUnit).toBe(36000);
    });

    it('supersedes an accepted proposal that needs more than a lowered quantity, and refuses to go below traded quantities', async () => {
      const commodity = 'jagung_pipilan_kering';
      const { coop, buyer, listing, request, match } = await proposed(commodity);
      // 3 000 kg to arrive; more is shipped to cover the shrink on the way.
      expect(match.quantityDelivered).toBe(3000);
      expect(match.quantity).toBeGreaterThan(3000);
      expect(match.quantity).toBeLessThan(4000);
      await post(buyer, `matches/${match.id}/accept`, {}, 200);
      // Still enough for the accepted proposal: it stands.
      await patch(coop, `supply-listings/${listing.id}`, { quantity: 4000 });
      expect((await get(buyer, `matches/${match.id}`)).status).toBe('proposed');

      await patch(coop, `supply-listings/${listing.id}`, { quantity: 2000 });
      expect(await get(buyer, `matches/${match.id}`)).toMatchObject({
        status: 'superseded',
        supersededReason: 'listing_changed: quantity',
      });
      const smaller = await proposalFor(buyer, listing.id, request.id);
      expect(smaller.quantity).toBeLessThanOrEqual(2000);
      expect(smaller.quantityDelivered).toBeGreaterThan(1000);
      await post(buyer, `matches/${smaller.id}/accept`, {}, 200);
      await post(coop, `matches/${smaller.id}/accept`, {}, 200);
      const [trade] = (await get(coop, `trades?commodityCode=${commodity}`)).items;

      // The request keeps the rest open, but cannot shrink below what the trade will deliver.
      const refused = await patch(buyer, `demand-requests/${request.id}`, { quantity: 1000 }, 409);
      expect(refused.code).toBe('QUANTITY_BELOW_TRADED');
      expect(refused.details).toEqual([
        { field: 'quantity', message: expect.stringContaining(trade.id) },
      ]);
      expect((await get(buyer, `demand-requests/${request.id}`)).quantity).toBe(3000);
    });
  });

  describe('trade life cycle', () => {
    it('never cancels a shipped trade nor returns its quantity; it ends delivered or failed', async () => {
      const commodity = 'kedelai_biji_kering_impor';
      const { coop, buyer, listing, match, trade } = await confirmed(commodity);
      await patch(coop, `trades/${trade.id}`, { status: 'shipped' });
      const refused = await patch(
        buyer,
        `trades/${trade.id}`,
        { status: 'cancelled', reason: 'Berubah pikiran' },
        409,
      );
      expect(refused.code).toBe('ILLEGAL_TRANSITION');
      const left = listing.quantity - trade.quantityShipped;
      expect((await get(coop, `supply-listings/${listing.id}`)).remainingQuantity).toBe(left);
      // The goods on their way cannot be taken off the listing either.
      const floor = await patch(coop, `supply-listings/${listing.id}`, { quantity: 2500 }, 409);
      expect(floor).toMatchObject({ code: 'QUANTITY_BELOW_TRADED' });
      expect(JSON.stringify(floor.details)).toContain(trade.id);
      expect(await get(buyer, `matches/${match.id}`)).toMatchObject({
        status: 'confirmed',
        tradeStatus: 'shipped',
      });

      const failed = await patch(coop, `trades/${trade.id}`, {
        status: 'failed',
        reason: 'Kapal tenggelam di Selat Karimata',
      });
      expect(failed).toMatchObject({ status: 'failed', failureReason: expect.any(String) });
      expect((await get(coop, `supply-listings/${listing.id}`)).remainingQuantity).toBe(left);
      expect((await get(buyer, `matches/${match.id}`)).tradeStatus).toBe('failed');
    });

    it('records a short delivery below grade and opens a claim that the supplier accepts', async () => {
      const { coop, buyer, trade } = await confirmed('cabai_merah_keriting');
      await patch(coop, `trades/${trade.id}`, { status: 'shipped' });
      await patch(
        buyer,
        `trades/${trade.id}`,
        { status: 'delivered', receivedQuantity: 2500 },
        400,
      );
      const delivered = await patch(buyer, `trades/${trade.id}`, {
        status: 'delivered',
        receivedQuantity: 2500,
        gradeOnArrival: 'II',
      });
      expect(delivered).toMatchObject({
        status: 'delivered',
        receivedQuantity: 2500,
        gradeOnArrival: 'II',
        claim: { status: 'open', shortQuantity: 500, belowGrade: true },
      });
      // Completing waits for the claim to be settled.
      await patch(buyer, `trades/${trade.id}`, { status: 'completed' }, 409);
      await post(buyer, `trades/${trade.id}/claim/accept`, {}, 403);
      const settled = await post(coop, `trades/${trade.id}/claim/accept`, {}, 200);
      expect(settled.claim).toMatchObject({ status: 'accepted' });
      // The answer shows the whole trade, contacts included, like every other trade view.
      expect(settled.contacts).toEqual(trade.contacts);
      // The agreed total (units shipped x price) for the share of the expected units that arrived.
      const agreed = BigInt(trade.quantityShipped) * BigInt(trade.pricePerUnit);
      expect(settled.amountDue).toBe(
        ((agreed * 2500n) / BigInt(trade.quantityDelivered)).toString(),
      );
      await patch(buyer, `trades/${trade.id}`, { status: 'completed' });
    });
  });
});
