import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import { DESKTOP, expectAccessible, openBrowser, PHONE, screenshot } from './browser';
import { linkFor } from './mail';

const root = resolve(import.meta.dirname, '..', '..');
const CHILI = 'cabai_merah_keriting';
const PASSWORD = 'demo-password-123';

interface Account {
  token: string;
  email: string;
  organizationId: string;
}

/** The API as a test harness calls it (bearer tokens): set-up and the figures to compare to. */
async function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${inject('baseUrl')}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Registers an organization and follows the link of its verification email. */
async function register(type: string, regionCode: string, name: string, email: string): Promise<Account> {
  const registered = await call<{ accessToken: string; organization: { id: string } }>('POST', '/api/v1/auth/register', undefined, {
    organization: { name, type, regionCode },
    user: { email, password: PASSWORD, name: `Petugas ${name}` },
  });
  const link = await linkFor(inject('mailDir'), email, 'verify-email');
  const token = decodeURIComponent(new URL(link, 'http://x').searchParams.get('token') ?? '');
  await call('POST', '/api/v1/auth/verify-email', undefined, { token });
  return { token: registered.accessToken, email, organizationId: registered.organization.id };
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const input = (page: Page, label: string) => page.locator('input').and(page.getByLabel(label, { exact: false }));

async function pick(page: Page, label: string, typed: string, option: string) {
  const field = input(page, label);
  await field.click();
  await field.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function logIn(page: Page, email: string) {
  await page.goto(`${inject('baseUrl')}/login`);
  await input(page, 'Email').fill(email);
  await input(page, 'Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  // A government lands on its region's balance.
  await page.getByRole('heading', { name: /^Neraca pangan/ }).waitFor();
}

/** Follows a link of the menu, opening it first on a phone (where it hides behind a burger). */
async function navigate(page: Page, label: string) {
  const burger = page.getByRole('button', { name: 'Menu' });
  if (await burger.isVisible()) await burger.click();
  await page.getByRole('link', { name: label, exact: true }).click();
}

/** The rows of a figures table: the row's header and its cells' text. */
async function tableRows(table: Locator): Promise<[string, string[]][]> {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((row) => [
      row.querySelector('th')?.textContent ?? '',
      [...row.querySelectorAll('td')].map((td) => td.textContent ?? ''),
    ]),
  );
}

/** kg as the page writes tonnes in Bahasa Indonesia (2.400 kg: "2,4"). */
const tonnes = (kg: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 3 }).format(kg / 1000);
/** The week's number as its label starts: "Minggu 49, ...". */
const weekNumber = (isoWeek: string) => `Minggu ${Number(isoWeek.slice(-2))},`;

interface BalanceRow {
  week: string;
  supplyPosted: number;
  demandPosted: number;
  surplus: number;
  proposedIn: number;
  confirmedIn: number;
  deliveredIn: number;
  proposedOut: number;
  confirmedOut: number;
  deliveredOut: number;
}
interface Period {
  periodStart: string;
  commodityCode: string;
  committed: number;
  proposed: number;
  confirmed: number;
  delivered: number;
  behind: boolean;
}

describe('a government officer on the console (Batam proposes to Malang)', () => {
  const run = Date.now().toString(36);
  let batamGov: Account;
  let malangGov: Account;
  let batam: Awaited<ReturnType<typeof openBrowser>>;
  let malang: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    // An administrator (granted by the command line, as an operator would) verifies the two
    // food offices: only verified governments may propose or accept agreements.
    const admin = await register('trader', '31.71', `Admin ${run}`, `admin-${run}@example.id`);
    execFileSync('npx', ['ts-node', '--transpile-only', 'src/admin.cli.ts', 'grant', admin.email], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jembatan_e2e_web',
      },
    });
    batamGov = await register('government', '21.71', `Dinas Ketahanan Pangan Kota Batam ${run}`, `dkp-batam-${run}@example.id`);
    malangGov = await register('government', '35.07', `Dinas Ketahanan Pangan Kabupaten Malang ${run}`, `dkp-malang-${run}@example.id`);
    for (const gov of [batamGov, malangGov]) {
      await call('POST', `/api/v1/admin/organizations/${gov.organizationId}/verify`, admin.token, { note: 'SK kepala dinas diperiksa' });
    }
    batam = await openBrowser(PHONE, 'id');
    malang = await openBrowser(PHONE, 'id');
  });
  afterAll(async () => {
    await batam?.close();
    await malang?.close();
  });

  it('proposes and accepts an agreement, then reads the balance and the fulfilment as the API counts them', async () => {
    onTestFailed(async () => {
      await batam.page.screenshot({ path: `${inject('mailDir')}/../failure-government-batam.png`, fullPage: true });
      await malang.page.screenshot({ path: `${inject('mailDir')}/../failure-government-malang.png`, fullPage: true });
    });
    const base = inject('baseUrl');

    // Batam's officer proposes a chili agreement to Kabupaten Malang's government, on a phone.
    const b = batam.page;
    await logIn(b, batamGov.email);
    await expectAccessible(b, 'overview (empty)');
    await navigate(b, 'Kerja sama antardaerah');
    await b.getByRole('heading', { name: 'Kerja sama antardaerah' }).waitFor();
    await b.getByRole('button', { name: 'Usulkan kerja sama' }).click();
    await input(b, 'Nama kerja sama').fill(`Kerja sama cabai Batam – Malang ${run}`);
    await pick(b, 'Wilayah mitra', 'malang', 'Kabupaten Malang');
    // The only verified government of Kabupaten Malang is chosen for the officer.
    await b.waitForFunction(
      (name) => [...document.querySelectorAll('input')].some((i) => i.value === name),
      `Dinas Ketahanan Pangan Kabupaten Malang ${run}`,
    );
    await pick(b, 'Komoditas', 'cabai merah k', 'Cabai merah keriting');
    await input(b, 'Volume per minggu: Cabai merah keriting').fill('2');
    await input(b, 'Penalti kekurangan per kg').fill('10000');
    await input(b, 'Harga terendah per kg').fill('25000');
    await input(b, 'Harga tertinggi per kg').fill('45000');
    await expectAccessible(b, 'agreement form');
    await screenshot(b, 'agreement-form-360');
    await b.getByRole('button', { name: 'Kirim usulan' }).click();
    const proposedCard = b.getByTestId('agreement').filter({ hasText: `Kerja sama cabai Batam – Malang ${run}` });
    await proposedCard.waitFor();
    expect(await proposedCard.innerText()).toContain('Diusulkan oleh Anda');
    expect(await proposedCard.innerText()).toContain('Cabai merah keriting: 2 t per minggu');
    await expectAccessible(b, 'agreements (proposed)');

    const listed = await call<{ items: { id: string; status: string; counterpartOrganizationId: string }[] }>(
      'GET',
      '/api/v1/agreements?regionCode=21.71&limit=100',
      batamGov.token,
    );
    const agreement = listed.items.find((a) => a.counterpartOrganizationId === malangGov.organizationId);
    expect(agreement?.status).toBe('proposed');
    const id = agreement!.id;

    // Malang's officer accepts it: the proposal waits for an answer on its page.
    const m = malang.page;
    await logIn(m, malangGov.email);
    await m.goto(`${base}/agreements`);
    const incoming = m.getByTestId('agreement').filter({ hasText: `Kerja sama cabai Batam – Malang ${run}` });
    await incoming.waitFor();
    expect(await incoming.innerText()).toContain('Diusulkan oleh pemerintah mitra');
    await expectAccessible(m, 'agreements (to accept)');
    await incoming.getByRole('button', { name: 'Terima', exact: true }).click();
    await m.getByRole('tab', { name: 'Berlaku (1)' }).waitFor();
    await waitFor('the agreement in force', async () =>
      (await call<{ status: string }>('GET', `/api/v1/agreements/${id}`, malangGov.token)).status === 'in_force',
    );

    // The market under the agreement: a Malang cooperative's chili, a Batam food office's
    // request, a proposal both accept, shipped and received short (driven through the API: the
    // founding story drives the same steps through the console).
    const coop = await register('cooperative', '35.07', `KUD Cabai ${run}`, `kud-${run}@example.id`);
    const buyer = await register('procurement', '21.71', `DKP Pengadaan Batam ${run}`, `pengadaan-${run}@example.id`);
    const day = 24 * 3600_000;
    const listing = await call<{ id: string }>('POST', '/api/v1/supply-listings', coop.token, {
      commodityCode: CHILI,
      grade: 'I',
      quantity: 5000,
      pricePerUnit: 32000,
      originRegionCode: '35.07',
      availableFrom: new Date().toISOString(),
      availableUntil: new Date(Date.now() + 5 * day).toISOString(),
    });
    const request = await call<{ id: string }>('POST', '/api/v1/demand-requests', buyer.token, {
      commodityCode: CHILI,
      minGrade: 'II',
      quantity: 2500,
      maxPricePerUnit: 60000,
      destinationRegionCode: '21.71',
      deliverBy: new Date(Date.now() + 10 * day).toISOString(),
    });
    const match = await waitFor('a proposal for the Batam request', async () => {
      const page = await call<{ items: { id: string; agreementId: string | null }[] }>(
        'GET',
        `/api/v1/matches?demandRequestId=${request.id}&status=proposed`,
        buyer.token,
      );
      return page.items[0];
    });
    expect(match.agreementId).toBe(id);
    await call('POST', `/api/v1/matches/${match.id}/accept`, coop.token, {});
    await call('POST', `/api/v1/matches/${match.id}/accept`, buyer.token, {});
    const trade = await waitFor('the trade', async () => {
      const page = await call<{ items: { id: string; matchId: string }[] }>('GET', '/api/v1/trades?limit=100', buyer.token);
      return page.items.find((t) => t.matchId === match.id);
    });
    // The cooperative sells the rest elsewhere: left open, the other stories' Batam requests on
    // this shared platform would be proposed this chili instead of their own cooperative's.
    await call('POST', `/api/v1/supply-listings/${listing.id}/withdraw`, coop.token);
    await call('PATCH', `/api/v1/trades/${trade.id}`, coop.token, { status: 'shipped' });
    await call('PATCH', `/api/v1/trades/${trade.id}`, buyer.token, { status: 'delivered', receivedQuantity: 2400, gradeOnArrival: 'I' });

    // The worker keeps the balance from events: wait until it counts the delivery.
    const balanceOf = async () =>
      (
        await call<{ items: BalanceRow[] }>(
          'GET',
          `/api/v1/balance?regionCode=21.71&commodityCode=${CHILI}&limit=100`,
          batamGov.token,
        )
      ).items;
    await waitFor('the delivery in the balance', async () =>
      (await balanceOf()).some((r) => r.deliveredIn >= 2400),
    );

    // The overview: charts and their table, the table's figures those of the API.
    await b.goto(`${base}/overview`);
    const table = b.getByTestId('balance-table');
    await table.waitFor();
    const rows = await tableRows(table);
    const api = await balanceOf();
    const figures = (r: BalanceRow) =>
      [r.supplyPosted, r.demandPosted, r.surplus, r.proposedIn, r.confirmedIn, r.deliveredIn, r.proposedOut, r.confirmedOut, r.deliveredOut].map(tonnes);
    const shownWeeks = rows.map(([header]) => header);
    let compared = 0;
    for (const r of api) {
      const row = rows.find(([header]) => header.startsWith(weekNumber(r.week)));
      // The page shows the last eight weeks and the next four; the API may hold later ones.
      if (!row) continue;
      expect([r.week, row[1]]).toEqual([r.week, figures(r)]);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
    // A week the API has no row for is drawn at zero, not skipped.
    expect(shownWeeks).toHaveLength(12);
    for (const [header, cells] of rows) {
      if (!api.some((r) => header.startsWith(weekNumber(r.week)))) expect(cells.every((c) => c === '0')).toBe(true);
    }
    const flows = b.getByTestId('flows-table');
    await flows.waitFor();
    const flowRows = await tableRows(flows);
    const malangBatam = flowRows.filter(([route]) => route === 'Kabupaten Malang → Kota Batam');
    expect(malangBatam.length).toBeGreaterThan(0);
    expect(malangBatam.some(([, cells]) => cells[1] === 'Masuk' && cells[4] === '2,4 t')).toBe(true);
    // The CSV export is a download of the same figures, with the session's cookie.
    const csvHref = await b.getByRole('link', { name: 'Unduh neraca (CSV)' }).getAttribute('href');
    const csv = await b.request.get(`${base}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('Kota Batam');
    await expectAccessible(b, 'overview');
    await screenshot(b, 'overview-360');

    // The agreement's fulfilment per week: its table equals GET /agreements/:id/fulfilment.
    await b.goto(`${base}/agreements`);
    const card = b.getByTestId('agreement').filter({ hasText: `Kerja sama cabai Batam – Malang ${run}` });
    await card.getByRole('button', { name: 'Lihat pemenuhan per minggu' }).click();
    const fulfilment = card.getByTestId('fulfilment-table');
    await fulfilment.waitFor();
    const periods = await call<Period[]>('GET', `/api/v1/agreements/${id}/fulfilment`, batamGov.token);
    const chili = periods.filter((p) => p.commodityCode === CHILI);
    expect(chili.reduce((sum, p) => sum + p.confirmed, 0)).toBeGreaterThanOrEqual(2500);
    expect(chili.reduce((sum, p) => sum + p.delivered, 0)).toBeGreaterThanOrEqual(2400);
    const shown = await tableRows(fulfilment);
    expect(shown.map(([, cells]) => cells)).toEqual(
      chili.map((p) => [
        ...[p.committed, p.proposed, p.confirmed, p.delivered].map(tonnes),
        p.behind ? 'Tertinggal' : 'Sesuai jadwal',
      ]),
    );
    expect(shown.map(([header]) => header.endsWith('⚠'))).toEqual(chili.map((p) => p.behind));
    await expectAccessible(b, 'agreements (fulfilment)');
    await screenshot(b, 'agreements-360');

    await b.setViewportSize(DESKTOP);
    await expectAccessible(b, 'agreements-1280');
    await screenshot(b, 'agreements-1280');
    await b.goto(`${base}/overview`);
    await b.getByTestId('balance-table').waitFor();
    await b.getByTestId('flows-table').waitFor();
    await expectAccessible(b, 'overview-1280');
    await screenshot(b, 'overview-1280');
  });
});
