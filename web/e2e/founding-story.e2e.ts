import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { DESKTOP, expectAccessible, openBrowser, PHONE, screenshot } from './browser';
import { linkFor } from './mail';

type Language = 'id' | 'en';
const L = {
  id: {
    orgName: 'Nama organisasi', grade: 'Mutu', minGrade: 'Mutu paling rendah', orgType: 'Jenis organisasi', region: 'Kabupaten/kota', person: 'Nama Anda',
    email: 'Email', password: 'Kata sandi', register: 'Daftar', registered: 'Pendaftaran berhasil',
    verified: 'Email Anda sudah terverifikasi.', procurement: 'Pengadaan (dinas pangan, BUMD)',
    offer: 'Tawarkan pasokan', submitOffer: 'Tawarkan', commodity: 'Komoditas', quantity: 'Jumlah',
    price: 'Harga per kg', newRequest: 'Buat permintaan', submitRequest: 'Kirim permintaan',
    maxPrice: 'Harga tertinggi per kg', minShelfLife: 'Sisa umur simpan saat tiba (hari)', proposals: 'Usulan', accept: 'Terima', trades: 'Transaksi',
    landed: 'Biaya sampai tujuan', chili: 'Cabai merah keriting', shallot: 'Bawang merah',
    decline: 'Tolak', reason: 'Alasan menolak', priceReason: 'Harga', confirmDecline: 'Tolak usulan',
    whyNot: 'Mengapa belum ada mitra?', listings: 'Pasokan saya', requests: 'Permintaan saya',
    login: 'Masuk', inbox: 'Kotak masuk',
  },
  en: {
    orgName: 'Organization name', grade: 'Grade', minGrade: 'Lowest acceptable grade', orgType: 'Organization type', region: 'Regency/city', person: 'Your name',
    email: 'Email', password: 'Password', register: 'Register', registered: 'Registered',
    verified: 'Your email is verified.', procurement: 'Procurement (food office, regional company)',
    offer: 'Offer supply', submitOffer: 'Offer', commodity: 'Commodity', quantity: 'Quantity',
    price: 'Price per kg', newRequest: 'New request', submitRequest: 'Send request',
    maxPrice: 'Highest price per kg', minShelfLife: 'Shelf life left on arrival (days)', proposals: 'Proposals', accept: 'Accept', trades: 'Trades',
    landed: 'Landed cost', chili: 'Curly red chili', shallot: 'Shallot',
    decline: 'Decline', reason: 'Reason for declining', priceReason: 'Price', confirmDecline: 'Decline the proposal',
    whyNot: 'Why no match yet?', listings: 'My supply', requests: 'My requests',
    login: 'Log in', inbox: 'Inbox',
  },
} as const;

const input = (page: Page, label: string) => page.locator('input').and(page.getByLabel(label, { exact: false }));

async function pick(page: Page, label: string, typed: string, option: string) {
  const field = input(page, label);
  await field.click();
  await field.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A person registers from the console, then opens the link from the verification email. */
async function registerAndVerify(
  page: Page,
  lang: Language,
  o: { name: string; typeLabel?: string; regionTyped: string; region: string; email: string; screenshot?: string },
) {
  const t = L[lang];
  const baseUrl = inject('baseUrl');
  await page.goto(`${baseUrl}/register`);
  if (lang === 'en') await page.getByText('EN', { exact: true }).click();
  await input(page, t.orgName).fill(o.name);
  if (o.typeLabel) {
    await input(page, t.orgType).click();
    await page.getByRole('option', { name: o.typeLabel }).click();
  }
  await pick(page, t.region, o.regionTyped, o.region);
  await input(page, t.person).fill(`Petugas ${o.name}`);
  await input(page, t.email).fill(o.email);
  await input(page, t.password).fill('demo-password-123');
  await expectAccessible(page, `register (${lang})`);
  if (o.screenshot) await screenshot(page, o.screenshot);
  await page.getByRole('button', { name: t.register, exact: true }).click();
  await page.getByRole('heading', { name: t.registered }).waitFor();
  const link = await linkFor(inject('mailDir'), o.email, 'verify-email');
  await page.goto(`${baseUrl}${link}`);
  await page
    .getByText(t.verified)
    .waitFor()
    .catch(async (error: unknown) => {
      await page.screenshot({ path: `${inject('mailDir')}/../verify-failure.png` });
      throw error;
    });
}

/** Follows a link of the menu, opening it first on a phone (where it hides behind a burger). */
async function navigate(page: Page, label: string) {
  const burger = page.getByRole('button', { name: 'Menu' });
  if (await burger.isVisible()) await burger.click();
  await page.getByRole('link', { name: label, exact: true }).click();
}

async function unread(page: Page): Promise<number> {
  return Number(await page.getByTestId('unread-count').first().innerText());
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe.each(['id', 'en'] as const)('the founding story through the console (%s)', (lang) => {
  const t = L[lang];
  const run = `${lang}-${Date.now().toString(36)}`;
  let coop: Awaited<ReturnType<typeof openBrowser>>;
  let dkp: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    coop = await openBrowser(PHONE, lang);
    dkp = await openBrowser(PHONE, lang);
  });
  afterAll(async () => {
    await coop?.close();
    await dkp?.close();
  });

  it('a Malang cooperative on a phone and a Batam officer trade chili, seeing each other live', async () => {
    onTestFailed(async () => {
      await coop.page.screenshot({ path: `${inject('mailDir')}/../failure-${lang}-coop.png`, fullPage: true });
      await dkp.page.screenshot({ path: `${inject('mailDir')}/../failure-${lang}-dkp.png`, fullPage: true });
    });
    // Every screen in both languages: Indonesian under its name, English with `-en`.
    const shot = (page: Parameters<typeof screenshot>[0], name: string) =>
      screenshot(page, lang === 'id' ? name : `${name}-en`);
    await coop.page.goto(`${inject('baseUrl')}/login`);
    await expectAccessible(coop.page, 'login');
    await shot(coop.page, 'login-360');

    await registerAndVerify(coop.page, lang, {
      name: `KUD Tani Cabai Makmur ${run}`,
      regionTyped: 'malang',
      region: 'Kabupaten Malang',
      email: `kud-${run}@example.id`,
      screenshot: lang === 'id' ? 'register-360' : 'register-360-en',
    });
    await expectAccessible(coop.page, 'verify-email');
    await registerAndVerify(dkp.page, lang, {
      name: `DKP Kota Batam ${run}`,
      typeLabel: t.procurement,
      regionTyped: 'batam',
      region: 'Kota Batam',
      email: `dkp-${run}@example.id`,
    });

    // The cooperative posts chili from its phone.
    const c = coop.page;
    await c.goto(`${inject('baseUrl')}/listings`);
    await c.getByRole('button', { name: t.offer }).click();
    await pick(c, t.commodity, 'cabai merah k', t.chili);
    await input(c, t.grade).click();
    await c.getByRole('option', { name: 'I', exact: true }).click();
    await input(c, t.quantity).first().fill('2');
    await input(c, t.price).fill('32000');
    await shot(c, 'post-supply-360');
    await expectAccessible(c, 'post supply');
    // The quantity was typed in kg: 2 kg is below any sensible lot, so say 2 ton instead.
    await input(c, t.quantity).first().fill('2000');
    await c.getByRole('button', { name: t.submitOffer, exact: true }).click();
    await c.getByTestId('listing').first().waitFor();
    expect(await c.getByTestId('listing').first().innerText()).toContain(lang === 'id' ? 'Rp 32.000' : 'Rp 32,000');
    // The grade is named as one, not a bare code after the commodity.
    expect(await c.getByTestId('listing').first().innerText()).toContain(lang === 'id' ? 'mutu I' : 'grade I');
    await expectAccessible(c, 'my listings');
    await shot(c, 'my-listings-360');

    // The Batam officer posts a request.
    const d = dkp.page;
    await d.goto(`${inject('baseUrl')}/requests`);
    await d.getByRole('button', { name: t.newRequest }).click();
    await pick(d, t.commodity, 'cabai merah k', t.chili);
    await input(d, t.minGrade).click();
    await d.getByRole('option', { name: 'II', exact: true }).click();
    await input(d, t.quantity).first().fill('2000');
    await input(d, t.maxPrice).fill('60000');
    // Chili that arrives unspoiled is enough for the officer (a market that sells it within the
    // day). The listing's harvest date is a day, counted from its start, and chili keeps 3 days:
    // by air it reaches Batam with about 0.9 of a day left when posted late in the evening (WIB),
    // below the default minimum of 1 day, so the story failed between 23:00 and midnight WIB with
    // nothing proposed. The minimum is in whole days.
    await input(d, t.minShelfLife).fill('0');
    await d.getByRole('button', { name: t.submitRequest, exact: true }).click();
    await d.getByTestId('request').first().waitFor();
    await expectAccessible(d, 'requests');
    await shot(d, 'my-requests-360');

    // The proposal reaches both inboxes live: the unread count rises without a reload.
    await waitFor('the proposal in the cooperative inbox', async () => (await unread(c)) > 0);
    await waitFor('the proposal in the food office inbox', async () => (await unread(d)) > 0);

    // Each side accepts the proposal naming the other: the market may hold other proposals (the
    // other language's run left a request open, and chili's shortages are shared fairly).
    for (const [page, side, counterpart] of [
      [c, 'coop', `DKP Kota Batam ${run}`],
      [d, 'dkp', `KUD Tani Cabai Makmur ${run}`],
    ] as const) {
      await navigate(page, t.proposals);
      const card = page.getByTestId('proposal').filter({ hasText: counterpart }).first();
      await card.waitFor();
      expect(await card.innerText()).toContain(t.landed);
      await shot(page, side === 'dkp' ? 'proposal-360' : 'proposal-coop-360');
      await expectAccessible(page, `proposals (${side})`);
      await card.getByRole('button', { name: t.accept, exact: true }).click();
    }

    // Both accepted: the trade shows both contacts on both sides. The page is opened once: the
    // confirmation reaches it live (reloading in a loop would also spend the stream's budget).
    for (const page of [c, d]) {
      await navigate(page, t.trades);
      await page.getByTestId('trade').first().waitFor({ timeout: 120_000 });
      const trade = await page.getByTestId('trade').first().innerText();
      expect(trade).toContain(`KUD Tani Cabai Makmur ${run}`);
      expect(trade).toContain(`DKP Kota Batam ${run}`);
      await expectAccessible(page, 'trades');
    }
    await shot(c, 'trades-360');
    await c.setViewportSize(DESKTOP);
    for (const [path, name, item] of [
      ['/trades', 'trades-1280', 'trade'],
      ['/listings', 'my-listings-1280', 'listing'],
      ['/inbox', 'inbox-1280', 'notification'],
    ] as const) {
      await c.goto(`${inject('baseUrl')}${path}`);
      // The page with its data, not its loader.
      await c.getByTestId(item).first().waitFor();
      await expectAccessible(c, name);
      await shot(c, name);
    }
    // The pages for technical users (Indonesian only): notification channels and webhooks.
    if (lang === 'id') {
      await c.goto(`${inject('baseUrl')}/settings`);
      await c.getByRole('button', { name: 'Simpan' }).waitFor();
      await expectAccessible(c, 'settings-1280');
      await screenshot(c, 'settings-1280');
      await c.goto(`${inject('baseUrl')}/webhooks`);
      await c.getByRole('button', { name: 'Tambah webhook' }).waitFor();
      await expectAccessible(c, 'webhooks-1280');
      await screenshot(c, 'webhooks-1280');
    }
    await c.setViewportSize(PHONE);
    await c.goto(`${inject('baseUrl')}/inbox`);
    await c.getByTestId('notification').first().waitFor();
    await expectAccessible(c, 'inbox');
    await shot(c, 'inbox-360');
  });
});

describe('declining with a reason, and asking why there is no match', () => {
  const t = L.id;
  const run = `why-${Date.now().toString(36)}`;
  let coop: Awaited<ReturnType<typeof openBrowser>>;
  let dkp: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    coop = await openBrowser(PHONE, 'id');
    dkp = await openBrowser(PHONE, 'id');
  });
  afterAll(async () => {
    await coop?.close();
    await dkp?.close();
  });

  it('declines a proposal for its price, then learns why a cheaper request gets nothing', async () => {
    onTestFailed(async () => {
      await dkp.page.screenshot({ path: `${inject('mailDir')}/../failure-why-not.png` });
    });
    const base = inject('baseUrl');
    await registerAndVerify(coop.page, 'id', {
      name: `Gapoktan Bawang ${run}`,
      regionTyped: 'malang',
      region: 'Kabupaten Malang',
      email: `gapoktan-${run}@example.id`,
    });
    await registerAndVerify(dkp.page, 'id', {
      name: `DKP Batam ${run}`,
      typeLabel: t.procurement,
      regionTyped: 'batam',
      region: 'Kota Batam',
      email: `dkp-${run}@example.id`,
    });
    const c = coop.page;
    await c.goto(`${base}/listings`);
    await c.getByRole('button', { name: t.offer }).click();
    await pick(c, t.commodity, 'bawang merah', t.shallot);
    if (await input(c, t.grade).count()) {
      await input(c, t.grade).click();
      await c.getByRole('option').first().click();
    }
    await input(c, t.quantity).first().fill('1000');
    await input(c, t.price).fill('30000');
    await c.getByRole('button', { name: t.submitOffer, exact: true }).click();
    await c.getByTestId('listing').first().waitFor();

    const d = dkp.page;
    const postRequest = async (maxPrice: string) => {
      await d.goto(`${base}/requests`);
      await d.getByRole('button', { name: t.newRequest }).click();
      await pick(d, t.commodity, 'bawang merah', t.shallot);
      await input(d, t.quantity).first().fill('1000');
      await input(d, t.maxPrice).fill(maxPrice);
      await d.getByRole('button', { name: t.submitRequest, exact: true }).click();
      await d.getByRole('button', { name: t.newRequest }).waitFor();
    };
    await postRequest('60000');
    await d.goto(`${base}/proposals`);
    // The proposal arrives live: the matching worker runs after the request is posted.
    const card = d.getByTestId('proposal').first();
    await card.waitFor({ timeout: 120_000 });
    await card.getByRole('button', { name: t.decline, exact: true }).click();
    await d.locator('input').and(d.getByLabel(t.reason, { exact: false })).click();
    await d.getByRole('option', { name: t.priceReason, exact: true }).click();
    await d.locator('textarea').fill('Terlalu mahal untuk operasi pasar');
    await expectAccessible(d, 'decline');
    await screenshot(d, 'decline-360');
    await d.getByRole('button', { name: t.confirmDecline }).click();
    await waitFor('the declined proposal to leave the list', async () => (await d.getByTestId('proposal').count()) === 0);

    await postRequest('10000');
    await d
      .getByTestId('request')
      .filter({ hasText: 'Rp 10.000' })
      .getByRole('link', { name: t.whyNot })
      .click();
    const candidate = d.getByTestId('candidate').first();
    await candidate.waitFor();
    expect(await candidate.innerText()).toContain('Harga');
    await expectAccessible(d, 'why-not');
    await screenshot(d, 'why-not-360');
    await d.setViewportSize(DESKTOP);
    await expectAccessible(d, 'why-not-1280');
    await screenshot(d, 'why-not-1280');
  });
});
