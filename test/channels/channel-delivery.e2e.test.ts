import type { AddressInfo } from 'node:net';
import { startApi, TestApi, withEnv } from '../support/app';
import { addPhone, ChannelFakes, startChannelFakes } from '../support/channels';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { waitFor } from '../support/wait';

const codeOf = (text: string) => /^Usulan (\d{4}):/.exec(text)?.[1];

describe('WhatsApp and SMS delivery and JUAL (e2e: API, worker, fake providers)', () => {
  let api: TestApi;
  let fakes: ChannelFakes;
  let waHook: string;

  beforeAll(async () => {
    fakes = await startChannelFakes();
    api = await withEnv(fakes.env, () => startApi('all'));
    await api.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    waHook = `${base}/api/v1/channels/whatsapp/webhook`;
  });
  afterAll(async () => {
    await api.close();
    await fakes.stop();
  });
  beforeEach(() => clearMarket(api.dataSource));

  const register = (type: 'cooperative' | 'procurement', regionCode: string) =>
    registerParty(api.http, { type, regionCode });

  const market = async (coop: Party, batam: Party, commodityCode: string) => {
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

  const log = async (party: Party) =>
    (await api.http.get('/api/v1/channels/deliveries').set(party.auth).expect(200)).body.items as {
      id: string;
      kind: string;
      channel: string;
      status: string;
      text: string;
      attempts: number;
      fallbackOf: string | null;
    }[];

  it('records status callbacks in order and falls back to SMS, once, when WhatsApp reports a failure', async () => {
    const coop = await register('cooperative', '35.07');
    const batam = await register('procurement', '21.71');
    const coopPhone = await addPhone(api.http, fakes, coop, {
      channel: 'whatsapp',
      optIn: ['whatsapp', 'sms'],
    });
    const batamPhone = await addPhone(api.http, fakes, batam, {
      channel: 'whatsapp',
      optIn: ['whatsapp', 'sms'],
    });
    await market(coop, batam, 'cabai_merah_keriting');
    const toCoop = await waitFor(
      () => fakes.whatsapp.sentTo(coopPhone).find((m) => codeOf(m.text)),
      { what: 'proposal to coop' },
    );
    const toBatam = await waitFor(
      () => fakes.whatsapp.sentTo(batamPhone).find((m) => codeOf(m.text)),
      { what: 'proposal to Batam' },
    );

    for (const status of ['delivered', 'read', 'delivered'])
      expect(await fakes.whatsapp.reportStatus(waHook, toCoop, status)).toBe(200);
    const coopLog = await waitFor(
      async () => {
        const entry = (await log(coop)).find((m) => m.kind === 'proposal_supplier');
        return entry?.status === 'read' && entry;
      },
      { what: 'read recorded' },
    );
    expect(coopLog.channel).toBe('whatsapp');

    expect(await fakes.whatsapp.reportStatus(waHook, toBatam, 'failed')).toBe(200);
    expect(await fakes.whatsapp.reportStatus(waHook, toBatam, 'failed')).toBe(200);
    const sms = await waitFor(() => fakes.sms.sentTo(batamPhone).find((m) => codeOf(m.text)), {
      what: 'SMS fallback',
    });
    expect(codeOf(sms.text)).toBe(codeOf(toBatam.text));
    expect(sms.text).toMatch(/Balas TERIMA \d{4} atau TOLAK \d{4} HARGA\.$/);
    // The SMS shows the landed price against Batam's consumer-level HAP (#12).
    expect(sms.text).toMatch(
      /\/kg sampai tujuan \((di atas HAP Rp [\d.]+ \/ \d+,\d%|di bawah HAP Rp [\d.]+ \/ \d+,\d%|dalam rentang HAP)\), tiba/,
    );
    const batamLog = await log(batam);
    const failed = batamLog.find((m) => m.kind === 'proposal_buyer' && m.channel === 'whatsapp')!;
    expect(failed.status).toBe('failed');
    const fallback = batamLog.filter((m) => m.kind === 'proposal_buyer' && m.channel === 'sms');
    expect(fallback).toHaveLength(1);
    expect(fallback[0].fallbackOf).toBe(failed.id);
    expect(fakes.sms.sentTo(batamPhone).filter((m) => codeOf(m.text))).toHaveLength(1);
  });

  it('retries a provider that answers 500 and sends the message once', async () => {
    const coop = await register('cooperative', '35.07');
    const batam = await register('procurement', '21.71');
    const batamPhone = await addPhone(api.http, fakes, batam, {
      channel: 'whatsapp',
      optIn: ['whatsapp'],
    });
    fakes.whatsapp.failNext([500, 503]);
    await market(coop, batam, 'bawang_merah');
    await waitFor(() => fakes.whatsapp.sentTo(batamPhone).find((m) => codeOf(m.text)), {
      what: 'the proposal after retries',
    });
    const entry = await waitFor(
      async () => {
        const e = (await log(batam)).find((m) => m.kind === 'proposal_buyer');
        return e?.status === 'sent' && e;
      },
      { what: 'sent recorded' },
    );
    expect(entry.attempts).toBe(3);
    expect(fakes.whatsapp.sentTo(batamPhone).filter((m) => codeOf(m.text))).toHaveLength(1);
  });

  it('posts supply sent as JUAL only after YA, once, and asks instead of guessing', async () => {
    const coop = await register('cooperative', '35.07');
    const phone = await addPhone(api.http, fakes, coop, {
      channel: 'whatsapp',
      optIn: ['whatsapp'],
    });
    const lastText = () => fakes.whatsapp.sentTo(phone).at(-1)?.text ?? '';

    await fakes.whatsapp.userSends(waHook, phone, { text: 'JUAL cabai 2 ton 32000' });
    await waitFor(() => /^Yang mana: .*cabai merah keriting/.test(lastText()), {
      what: 'the question',
    });

    await fakes.whatsapp.userSends(waHook, phone, {
      text: 'JUAL cabe kriting 2 ton 32000 panen 3/12 mutu I',
    });
    const readBack = await waitFor(
      () =>
        /^Jual 2\.000 kg cabai merah keriting mutu I, Rp 32\.000\/kg, panen 3 Des, tersedia s\/d \d{1,2} \w{3}\. Balas YA (\d{4})/.exec(
          lastText(),
        ) ?? false,
      { what: 'the read-back' },
    );
    const listings = async () =>
      (await api.http.get('/api/v1/supply-listings').set(coop.auth).expect(200)).body.items as {
        quantity: number;
        pricePerUnit: number;
        commodityCode: string;
        originRegionCode: string;
      }[];
    expect(await listings()).toHaveLength(0);

    await fakes.whatsapp.userSends(waHook, phone, { text: `YA ${readBack[1]}` });
    await waitFor(
      () => lastText().startsWith('Penawaran dipasang: 2.000 kg cabai merah keriting'),
      { what: 'posted' },
    );
    await fakes.whatsapp.userSends(waHook, phone, { text: `ya ${readBack[1]}` });
    await waitFor(() => lastText().startsWith(`Kode ${readBack[1]} tidak ditemukan`), {
      what: 'second YA refused',
    });
    const posted = await listings();
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      commodityCode: 'cabai_merah_keriting',
      quantity: 2000,
      pricePerUnit: 32000,
      originRegionCode: '35.07',
    });
  });
});
