import type { AddressInfo } from 'node:net';
import { startApi, TestApi, withEnv } from '../support/app';
import { addPhone, ChannelFakes, startChannelFakes } from '../support/channels';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { waitFor } from '../support/wait';

/** The code in a proposal text: "Usulan 4821: ..." */
const codeOf = (text: string) => /^(?:Usulan|Proposal) (\d{4}):/.exec(text)?.[1];

describe('WhatsApp and SMS (e2e: API, worker, fake providers)', () => {
  let api: TestApi;
  let fakes: ChannelFakes;
  let base: string;
  let waHook: string;
  let smsHook: string;

  beforeAll(async () => {
    fakes = await startChannelFakes();
    api = await withEnv(fakes.env, () => startApi('all'));
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    waHook = `${base}/api/v1/channels/whatsapp/webhook`;
    smsHook = `${base}/api/v1/channels/sms/webhook`;
  });
  afterAll(async () => {
    await api.close();
    await fakes.stop();
  });
  beforeEach(() => clearMarket(api.dataSource));

  const pair = async () => {
    const coop = await registerParty(api.http, {
      type: 'cooperative',
      regionCode: '35.07',
      contact: { contactName: 'Pak Slamet', phone: '+6281234500001' },
    });
    const batam = await registerParty(api.http, {
      type: 'procurement',
      regionCode: '21.71',
      contact: { contactName: 'Ibu Rina', phone: '+6281234500002' },
    });
    return { coop, batam };
  };

  const market = async (coop: Party, batam: Party, commodityCode = 'cabai_merah_keriting') => {
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode }))
      .expect(201);
    await api.http
      .post('/api/v1/demand-requests')
      .set(batam.auth)
      .send(aRequest({ commodityCode }))
      .expect(201);
  };

  const whatsappProposal = (phone: string) =>
    waitFor(() => fakes.whatsapp.sentTo(phone).find((m) => codeOf(m.text)), {
      what: `a proposal by WhatsApp to ${phone}`,
    });

  const matchOf = async (party: Party) =>
    (await api.http.get('/api/v1/matches').set(party.auth).expect(200)).body.items[0] as {
      id: string;
      status: string;
      quantity: number;
    };

  it('answers the WhatsApp verification handshake only with the verify token', async () => {
    const ok = await fetch(
      `${waHook}?hub.mode=subscribe&hub.verify_token=fake-verify-token&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(
      `${waHook}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`,
    );
    expect(wrong.status).toBe(403);
  });

  it('decides the founding story entirely by WhatsApp replies: both accept, the trade is confirmed, both get the confirmation', async () => {
    const { coop, batam } = await pair();
    const coopPhone = await addPhone(api.http, fakes, coop, {
      channel: 'whatsapp',
      optIn: ['whatsapp'],
    });
    const batamPhone = await addPhone(api.http, fakes, batam, {
      channel: 'whatsapp',
      optIn: ['whatsapp'],
    });
    await market(coop, batam);

    // Outside the customer-service window: approved templates with Terima/Tolak quick replies.
    const toCoop = await whatsappProposal(coopPhone);
    const toBatam = await whatsappProposal(batamPhone);
    expect(toCoop.type).toBe('template');
    expect(toCoop.text).toMatch(
      /^Usulan \d{4}: 3\.093 kg cabai merah keriting ke Batam, Rp 32\.000\/kg, kirim \d{1,2} \w{3} lewat laut berpendingin \(Tanjung [A-Z][a-z]+\)\. Berlaku s\/d \d{1,2} \w{3} \d{2}\.\d{2} WIB\.$/,
    );
    expect(toBatam.text).toMatch(
      /^Usulan \d{4}: 3\.000 kg cabai merah keriting dari Malang, Rp [\d.]+\/kg sampai tujuan, tiba \d{1,2} \w{3} lewat laut berpendingin \(Batu Ampar\)\./,
    );
    const coopCode = codeOf(toCoop.text)!;
    const batamCode = codeOf(toBatam.text)!;
    expect(toBatam.buttons).toEqual([`TERIMA ${batamCode}`, `TOLAK ${batamCode}`]);

    // The cooperative types its answer; Batam's officer taps the button.
    expect(
      (await fakes.whatsapp.userSends(waHook, coopPhone, { text: `terima ${coopCode}` })).status,
    ).toBe(200);
    const waiting = await waitFor(
      () =>
        fakes.whatsapp
          .sentTo(coopPhone)
          .find((m) => m.text.startsWith(`Usulan ${coopCode} Anda terima`)),
      { what: 'the cooperative hears its acceptance is recorded' },
    );
    expect(waiting.text).toMatch(/Menunggu jawaban /);
    expect(waiting.type).toBe('text'); // inside the window now
    await waitFor(
      () => fakes.whatsapp.sentTo(batamPhone).find((m) => m.text.includes('sudah menerima')),
      { what: 'Batam hears the cooperative accepted' },
    );
    expect(
      (await fakes.whatsapp.userSends(waHook, batamPhone, { quickReply: `TERIMA ${batamCode}` }))
        .status,
    ).toBe(200);

    const trades = await waitFor(
      async () => {
        const body = (await api.http.get('/api/v1/trades').set(coop.auth).expect(200)).body;
        return body.items.length > 0 && body.items;
      },
      { what: 'the trade' },
    );
    expect(trades[0]).toMatchObject({ status: 'confirmed', quantity: 3093 });
    for (const [phone, counterpart] of [
      [coopPhone, batam.organization.name],
      [batamPhone, coop.organization.name],
    ]) {
      const confirmation = await waitFor(
        () => fakes.whatsapp.sentTo(phone).find((m) => m.text.startsWith('Transaksi ')),
        { what: `confirmation to ${phone}` },
      );
      expect(confirmation.text).toContain(`dikonfirmasi`);
      expect(confirmation.text).toContain(`Hubungi ${counterpart}:`);
    }
    const coopConfirmation = fakes.whatsapp
      .sentTo(coopPhone)
      .find((m) => m.text.startsWith('Transaksi '))!;
    expect(coopConfirmation.text).toContain('Ibu Rina +6281234500002');
    // Each side is confirmed the price it accepted: the cooperative its price at origin, Batam the
    // landed price per delivered kg its proposal showed (not the cooperative's price).
    expect(coopConfirmation.text).toContain('Rp 32.000/kg');
    const landed = /(Rp [\d.]+)\/kg sampai tujuan/.exec(toBatam.text)![1];
    const batamConfirmation = fakes.whatsapp
      .sentTo(batamPhone)
      .find((m) => m.text.startsWith('Transaksi '))!;
    expect(batamConfirmation.text).toContain(`${landed}/kg sampai tujuan`);

    // The organization's delivery log shows what went out.
    const log = (await api.http.get('/api/v1/channels/deliveries').set(coop.auth).expect(200)).body;
    const kinds = log.items.map((m: { kind: string }) => m.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'phone_code',
        'proposal_supplier',
        'reply_accepted_waiting',
        'trade_confirmed',
      ]),
    );
    expect(log.items.find((m: { kind: string }) => m.kind === 'phone_code').text).not.toMatch(
      /\d{6}/,
    );
  });

  it('declines with a reason by SMS, and the other side is told why', async () => {
    const { coop, batam } = await pair();
    const coopPhone = await addPhone(api.http, fakes, coop, { channel: 'sms', optIn: ['sms'] });
    const batamPhone = await addPhone(api.http, fakes, batam, { channel: 'sms', optIn: ['sms'] });
    for (const party of [coop, batam])
      await api.http
        .put('/api/v1/channels/routes')
        .set(party.auth)
        .send({
          routes: ['match.proposed', 'match.declined'].map((eventType) => ({
            eventType,
            channel: 'sms',
          })),
        })
        .expect(200);
    await market(coop, batam, 'bawang_merah');

    const proposal = await waitFor(() => fakes.sms.sentTo(batamPhone).find((m) => codeOf(m.text)), {
      what: 'the proposal by SMS',
    });
    expect(proposal.text).toMatch(/Balas TERIMA \d{4} atau TOLAK \d{4} HARGA\.$/);
    const code = codeOf(proposal.text)!;
    expect(
      (await fakes.sms.userSends(smsHook, batamPhone, `TOLAK ${code} harga ongkir terlalu mahal`))
        .status,
    ).toBe(200);

    await waitFor(
      () =>
        fakes.sms
          .sentTo(batamPhone)
          .find((m) => m.text.startsWith(`Usulan ${code} Anda tolak (alasan: harga)`)),
      { what: 'the decline confirmed to Batam' },
    );
    const told = await waitFor(
      () => fakes.sms.sentTo(coopPhone).find((m) => m.text.includes('ditolak oleh')),
      { what: 'the cooperative told of the decline' },
    );
    expect(told.text).toMatch(
      new RegExp(`ditolak oleh ${batam.organization.name} \\(alasan: harga\\)`),
    );
    const match = await matchOf(batam);
    expect(match.status).toBe('declined');
    const exclusions = (await api.http.get('/api/v1/exclusions').set(batam.auth).expect(200)).body
      .items;
    expect(exclusions[0]).toMatchObject({ reason: 'price', note: 'ongkir terlalu mahal' });

    // The same decision rules as the API: a second answer is a 409, told in words.
    await fakes.sms.userSends(smsHook, batamPhone, `TERIMA ${code}`);
    await waitFor(
      () =>
        fakes.sms
          .sentTo(batamPhone)
          .find((m) => m.text === `Usulan ${code} sudah ditolak dan tidak bisa dijawab lagi.`),
      { what: 'the 409 in words' },
    );
    await fakes.sms.userSends(smsHook, batamPhone, 'TERIMA 9999');
    await waitFor(
      () =>
        fakes.sms.sentTo(batamPhone).find((m) => m.text.startsWith('Usulan 9999 tidak ditemukan')),
      { what: 'the 404 in words' },
    );
  });

  it('refuses and ignores an inbound message whose signature is forged', async () => {
    const { coop, batam } = await pair();
    const batamPhone = await addPhone(api.http, fakes, batam, {
      channel: 'whatsapp',
      optIn: ['whatsapp'],
    });
    await market(coop, batam, 'cabai_rawit_merah');
    const code = codeOf((await whatsappProposal(batamPhone)).text)!;
    const before = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM channel_inbound_messages`,
    );

    const forged = await fakes.whatsapp.userSends(
      waHook,
      batamPhone,
      { text: `TERIMA ${code}` },
      { secret: 'not-the-app-secret' },
    );
    expect(forged.status).toBe(401);
    const unsigned = await fetch(waHook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entry: [] }),
    });
    expect(unsigned.status).toBe(401);
    expect(
      (await fakes.sms.userSends(smsHook, batamPhone, `TERIMA ${code}`, { secret: 'guess' }))
        .status,
    ).toBe(401);

    const after = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM channel_inbound_messages`,
    );
    expect(after[0].n).toBe(before[0].n);
    expect((await matchOf(batam)).status).toBe('proposed');
    const outbox = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'match.accepted' AND aggregate_id = $1`,
      [(await matchOf(batam)).id],
    );
    expect(outbox[0].n).toBe(0);
  });

  it('decides once when the provider delivers the same inbound message five times', async () => {
    const { coop, batam } = await pair();
    const batamPhone = await addPhone(api.http, fakes, batam, {
      channel: 'whatsapp',
      optIn: ['whatsapp'],
    });
    await market(coop, batam, 'cabai_merah_besar');
    const code = codeOf((await whatsappProposal(batamPhone)).text)!;

    const id = 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjBDNzk2RkE1RDNBMkE4QTdGAA==';
    const deliveries = await Promise.all(
      Array.from({ length: 5 }, () =>
        fakes.whatsapp.userSends(waHook, batamPhone, { text: `TERIMA ${code}` }, { id }),
      ),
    );
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200]);
    await waitFor(
      () =>
        fakes.whatsapp
          .sentTo(batamPhone)
          .find((m) => m.text.startsWith(`Usulan ${code} Anda terima`)),
      { what: 'the acceptance reply' },
    );
    // One more, late, after it was processed.
    await fakes.whatsapp.userSends(waHook, batamPhone, { text: `TERIMA ${code}` }, { id });

    const match = await matchOf(batam);
    const [inbound] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM channel_inbound_messages WHERE provider_message_id = $1`,
      [id],
    );
    expect(inbound.n).toBe(1);
    const [accepted] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'match.accepted' AND aggregate_id = $1`,
      [match.id],
    );
    expect(accepted.n).toBe(1);
    const replies = fakes.whatsapp
      .sentTo(batamPhone)
      .filter((m) => m.text.startsWith(`Usulan ${code} Anda terima`));
    expect(replies).toHaveLength(1);
  });

  it('honours BERHENTI: no more WhatsApp notifications until MULAI', async () => {
    const { coop, batam } = await pair();
    const batamPhone = await addPhone(api.http, fakes, batam, {
      channel: 'whatsapp',
      optIn: ['whatsapp'],
    });
    expect((await fakes.whatsapp.userSends(waHook, batamPhone, { text: 'BERHENTI' })).status).toBe(
      200,
    );
    await waitFor(
      () =>
        fakes.whatsapp
          .sentTo(batamPhone)
          .find((m) => m.text.startsWith('Anda tidak akan menerima pesan Jembatan lewat WhatsApp')),
      { what: 'the opt-out confirmation' },
    );
    expect((await api.http.get('/api/v1/me/phone').set(batam.auth).expect(200)).body).toMatchObject(
      {
        whatsappOptIn: false,
      },
    );

    await market(coop, batam, 'cabai_rawit_hijau');
    const match = await waitFor(async () => (await matchOf(batam)) ?? false, {
      what: 'the proposal',
    });
    // The event was handled (the inbox has it) and still nothing went to the phone.
    await waitFor(
      async () => {
        const items = (await api.http.get('/api/v1/notifications').set(batam.auth).expect(200)).body
          .items;
        return items.some(
          (n: { type: string; data: { match?: { id: string } } }) =>
            n.type === 'match.proposed' && n.data.match?.id === match.id,
        );
      },
      { what: 'match.proposed in the inbox' },
    );
    // Every handler of the event has run once processed_at is stamped (mine included).
    await waitFor(
      async () => {
        const [handled] = await api.dataSource.query(
          `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'match.proposed' AND aggregate_id = $1 AND processed_at IS NOT NULL`,
          [match.id],
        );
        return handled.n === 1;
      },
      { what: 'match.proposed handled by every handler' },
    );
    expect(fakes.whatsapp.sentTo(batamPhone).filter((m) => codeOf(m.text))).toHaveLength(0);

    await fakes.whatsapp.userSends(waHook, batamPhone, { text: 'MULAI' });
    await waitFor(
      async () =>
        (await api.http.get('/api/v1/me/phone').set(batam.auth).expect(200)).body.whatsappOptIn ===
        true,
      { what: 'opted back in' },
    );
  });
});
