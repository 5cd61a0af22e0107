// Plays the founding story against a running Jembatan: a chili cooperative in Kabupaten Malang
// and the food office of Kota Batam meet through the API, with their emails verified, their
// organizations verified by a platform administrator, a decline that sticks and a trade whose
// parties know each other. Usage: node scripts/demo.mjs BASE_URL [MAIL_DIR]
// Emails (verification links) are read from MAIL_DIR, where scripts/mail-sink.mjs writes them.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForToken } from './mail-sink.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const mailDir = process.argv[3] ?? '.demo/mail';
const api = `${base}/api/v1`;
const run = Date.now().toString(36);
const day = 24 * 3600 * 1000;
// Indonesian formats: Rp 37.516, 3.000 kg, times in WIB (Malang and Batam are both UTC+7).
const rupiah = (n) => `Rp ${BigInt(n).toLocaleString('id-ID')}`;
const kg = (n) => `${Number(n).toLocaleString('id-ID')} kg`;
const wib = (iso) =>
  `${new Date(iso).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' })} WIB`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(method, path, { token, body } = {}, retried = false) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  }).catch((error) => {
    // A pooled connection the server closed while idle (its keep-alive timeout passed during a
    // slow step such as `npm run admin`): the request never reached it, so it is sent once more.
    if (!retried && error?.cause?.code === 'UND_ERR_SOCKET') return null;
    throw error;
  });
  if (res === null) return call(method, path, { token, body }, true);
  const json = res.status === 204 ? {} : await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Registers an organization with its contact, then follows the emailed verification link. */
async function register(name, type, regionCode, email, contact) {
  const address = `${email}+${run}@example.id`;
  const res = await call('POST', '/auth/register', {
    body: {
      organization: { name, type, regionCode, ...contact, email: address },
      user: { email: address, password: 'demo-password-123', name: contact?.contactName ?? name },
    },
  });
  const token = await waitForToken(mailDir, address, 'verify-email');
  await call('POST', '/auth/verify-email', { body: { token } });
  console.log(`  registered ${type.padEnd(11)} ${name} (${regionCode}), email verified by its link`);
  return { token: res.accessToken, organizationId: res.organization.id, email: address };
}

const malang = await call('GET', '/regions/35.07');
const batam = await call('GET', '/regions/21.71');
const chili = await call('GET', '/commodities/cabai_merah_keriting');
console.log(`Reference data: ${malang.name} (${malang.islandGroup}) -> ${batam.name} (${batam.islandGroup});`);
console.log(`  ${chili.nameId}: grades ${chili.grades.join(' > ')}, shelf life ${chili.shelfLifeDaysAmbient} days ambient, ${chili.shelfLifeDaysCold} cold`);

console.log('Organizations:');
const coop = await register('KUD Tani Cabai Makmur, Malang', 'cooperative', '35.07', 'kud-malang', {
  contactName: 'Bu Sri Wahyuni',
  phone: '+6281234500101',
});
const dkp = await register('Dinas Ketahanan Pangan Kota Batam', 'procurement', '21.71', 'dkp-batam', {
  contactName: 'Pak Andi Saputra',
  phone: '+6281277700202',
});
const operator = await register('Operator Jembatan', 'trader', '31.71', 'operator', {
  contactName: 'Tim Operasional',
  phone: '+6281100000303',
});

// The WhatsApp part of the demonstration (scripts/demo-whatsapp.ts) logs in as these two people.
writeFileSync(
  `${mailDir}/../accounts.json`,
  JSON.stringify({
    password: 'demo-password-123',
    cooperative: { email: coop.email, person: 'Bu Sri Wahyuni', phone: '+6281234500101' },
    procurement: { email: dkp.email, person: 'Pak Andi Saputra', phone: '+6281277700202' },
  }),
);

// The first administrator is granted on the server's command line; nobody becomes one by email.
execFileSync('npm', ['run', '--silent', 'admin', '--', 'grant', operator.email], { stdio: 'pipe' });
console.log(`Administrator: ${operator.email} granted with \`npm run admin -- grant\``);
for (const party of [coop, dkp]) {
  await call('POST', `/admin/organizations/${party.organizationId}/verify`, {
    token: operator.token,
    body: { note: 'Demo: akta koperasi / SK dinas diperiksa' },
  });
}
const audit = await call('GET', '/admin/audit-log?limit=10', { token: operator.token });
console.log(`  verified both organizations through the admin API; audit log: ${audit.items.map((e) => e.action).join(', ')}`);

const listing = await call('POST', '/supply-listings', {
  token: coop.token,
  body: {
    commodityCode: 'cabai_merah_keriting',
    grade: 'I',
    quantity: 5000,
    minOrderQuantity: 500,
    pricePerUnit: 32000,
    originRegionCode: '35.07',
    availableFrom: new Date().toISOString(),
    availableUntil: new Date(Date.now() + 5 * day).toISOString(),
    harvestedAt: new Date().toISOString(),
    notes: 'Cabai merah keriting grade I, panen hari ini',
  },
});
console.log(
  `Malang cooperative posted ${kg(listing.quantity)} of ${listing.commodityCode} grade ${listing.grade} at ${rupiah(listing.pricePerUnit)}/kg (listing ${listing.id.slice(0, 8)}, ${listing.status})`,
);

const request = await call('POST', '/demand-requests', {
  token: dkp.token,
  body: {
    commodityCode: 'cabai_merah_keriting',
    minGrade: 'II',
    quantity: 3000,
    maxPricePerUnit: 60000,
    destinationRegionCode: '21.71',
    deliverBy: new Date(Date.now() + 10 * day).toISOString(),
    minShelfLifeDaysOnArrival: 1, // Batam's markets sell chili within a day of unloading
    notes: 'Stok operasi pasar',
  },
});
console.log(
  `Batam food office requested ${kg(request.quantity)} to arrive, grade ${request.minGrade} or better, landed price up to ${rupiah(request.maxPricePerUnit)}/kg, by ${wib(request.deliverBy)} (request ${request.id.slice(0, 8)})`,
);

// The worker picks the events up from the outbox and re-optimises the chili market.
async function waitForProposal(token, query, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const page = await call('GET', `/matches?${query}&status=proposed`, { token });
    const mine = page.items.filter((m) => m.supplyListingId === listing.id);
    if (mine.length > 0) return mine[0];
    await sleep(200);
  }
  return null;
}

function explain(match) {
  const b = match.landedCostBreakdown;
  const transitDays = (Date.parse(match.arrivalDate) - Date.parse(match.departureDate)) / day;
  console.log(`  match ${match.id.slice(0, 8)}: ship ${kg(match.quantityShipped)}, ${kg(match.quantityDelivered)} expected to arrive (shrink ${(match.shrinkRate * 100).toFixed(0)} % by ${match.transportMode})`);
  console.log(`    landed cost per delivered kg ${rupiah(match.landedCostPerUnit)} = price at origin ${rupiah(b.pricePerUnit)} + shrink ${rupiah(b.shrinkPerUnit)} + transport ${rupiah(b.transportPerUnit)} + fees ${rupiah(b.feesPerUnit)}`);
  console.log(`    route: ${match.route.map((l) => `${l.kind} ${l.from} -> ${l.to} (${l.hours} h${l.departuresPerWeek ? `, ${l.departuresPerWeek}/week, wait ${l.waitHours} h` : ''}${l.freightClass ? `, ${l.freightClass}` : ''})`).join(', ')}`);
  console.log(`    departs ${wib(match.departureDate)}, arrives ${wib(match.arrivalDate)} (${transitDays.toFixed(1)} days), ${match.shelfLifeDaysOnArrival} days of shelf life left`);
  if (match.gainPerUnit !== null) {
    console.log(`    gain for Batam ${rupiah(match.gainPerUnit)}/kg delivered (maximum ${rupiah(request.maxPricePerUnit)})`);
  }
  const c = match.counterparty;
  console.log(`    counterparty: ${c.name} (${c.type}, ${c.regionCode}, ${c.verificationStatus})`);
}

const started = Date.now();
const proposal = await waitForProposal(dkp.token, `demandRequestId=${request.id}`);
if (!proposal) throw new Error('no proposal within 20 s; see .demo/jembatan.log');
console.log(`Proposal after ${((Date.now() - started) / 1000).toFixed(1)} s, as the food office sees it:`);
explain(proposal);

// A decline that sticks: the food office declines on price. The pair is not proposed again on
// the next re-optimisations (a new request below triggers one) until the price improves.
await call('POST', `/matches/${proposal.id}/decline`, {
  token: dkp.token,
  body: { reason: 'price', note: 'Harga di atas anggaran minggu ini' },
});
const exclusions = await call('GET', '/exclusions', { token: dkp.token });
console.log(`Batam declined (reason: price). Its exclusions: ${exclusions.items.length} (${exclusions.items.map((e) => `${e.kind}/${e.reason}`).join(', ')})`);
const cheap = await call('POST', '/demand-requests', {
  token: dkp.token,
  body: {
    commodityCode: 'cabai_merah_keriting',
    minGrade: 'II',
    quantity: 1000,
    maxPricePerUnit: 30000,
    destinationRegionCode: '21.71',
    deliverBy: new Date(Date.now() + 10 * day).toISOString(),
  },
});
const again = await waitForProposal(dkp.token, `demandRequestId=${request.id}`, 4000);
console.log(`  4 s and a re-optimisation later, the declined pair is ${again ? 'PROPOSED AGAIN (bug)' : 'still not proposed'}`);
if (again) process.exitCode = 1;

await call('PATCH', `/supply-listings/${listing.id}`, { token: coop.token, body: { pricePerUnit: 30500 } });
console.log(`The cooperative lowers its price to ${rupiah(30500)}/kg, a change relevant to a price decline:`);
const renewed = await waitForProposal(dkp.token, `demandRequestId=${request.id}`);
if (!renewed) throw new Error('the pair was not proposed again after the price cut');
explain(renewed);

// Both accept: it becomes a trade, and each side now sees the other's contact.
await call('POST', `/matches/${renewed.id}/accept`, { token: coop.token });
const confirmed = await call('POST', `/matches/${renewed.id}/accept`, { token: dkp.token });
const trades = await call('GET', `/trades?limit=100`, { token: dkp.token });
const trade = trades.items.find((t) => t.matchId === renewed.id);
console.log(`Both accepted: match ${confirmed.status}; trade ${trade.id.slice(0, 8)} (${trade.status}): ${kg(trade.quantityShipped)} shipped at ${rupiah(trade.pricePerUnit)}/kg = ${rupiah(trade.totalPrice)}; ${kg(trade.quantityDelivered)} to arrive`);
for (const [side, c] of Object.entries(trade.contacts)) {
  console.log(`  ${side.padEnd(8)} contact: ${c.personName}, ${c.organizationName}, ${c.phone}, ${c.email}`);
}
const deadline = Date.now() + 10000;
let told = [];
while (Date.now() < deadline) {
  told = await Promise.all(
    [coop, dkp].map(async ({ token }) =>
      (await call('GET', '/notifications', { token })).items.some((n) => n.type === 'match.confirmed'),
    ),
  );
  if (told.every(Boolean)) break;
  await sleep(200);
}
console.log(`match.confirmed in the cooperative's inbox: ${told[0]}, in the food office's inbox: ${told[1]}`);

// Why not? The request priced below any landed cost gets no proposal, and can learn why.
const why = await call('GET', `/demand-requests/${cheap.id}/candidates?limit=3`, { token: dkp.token });
const mine = why.items.find((c) => c.counterpartId === listing.id) ?? why.items[0];
// Worded from the structured reason, as the console words it for an Indonesian officer (its
// catalog, web/src/locales/id.json), with the figures in the same format as the rest of the story;
// the API's \`message\` is its English fallback.
const catalog = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'src', 'locales', 'id.json'), 'utf8'),
).whyNot;
const p = mine.reason.params;
const values = {
  landed: p.landedCostPerUnit !== undefined ? rupiah(p.landedCostPerUnit) : undefined,
  max: p.maxPricePerUnit !== undefined ? rupiah(p.maxPricePerUnit) : undefined,
  asking: p.maxAskingPricePerUnit !== undefined ? rupiah(p.maxAskingPricePerUnit) : undefined,
  transport: p.transport ? catalog.transport[p.transport] ?? p.transport : undefined,
};
const worded = (template) => template?.replace(/\{\{(\w+)\}\}/g, (_, key) => values[key] ?? '?');
const fixKey =
  mine.reason.code === 'above_maximum_price' && values.asking === undefined
    ? 'above_maximum_price_only'
    : mine.reason.code;
console.log(`The request at ${rupiah(cheap.maxPricePerUnit)}/kg asks why it gets nothing (${mine.reason.code}); the console tells the food office:`);
values.what = worded(catalog.fix[fixKey]) ?? mine.wouldTake;
console.log(`  "${worded(catalog.reason[mine.reason.code]) ?? mine.message} ${worded(catalog.wouldTake)}."`);
// ===== Programme rails (#12): a week of Batam's standing chili order under the Malang-Batam
// agreement, against Malang forward supply and Sumatran (Kabupaten Karo) supply. =====
console.log('\n--- Programme rails: standing order, forward supply, agreement between two governments ---');
const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10); // WIB date
const malangGov = await register('Pemerintah Kabupaten Malang', 'government', '35.07', 'pemkab-malang', {
  contactName: 'Bagian Kerja Sama',
  phone: '+62341000404',
});
const batamGov = await register('Pemerintah Kota Batam', 'government', '21.71', 'pemkot-batam', {
  contactName: 'Bagian Kerja Sama',
  phone: '+62778000505',
});
const karo = await register('Koperasi Petani Cabai Karo', 'cooperative', '12.06', 'kop-karo', {
  contactName: 'Pak Sembiring',
  phone: '+6281260000606',
});
for (const party of [malangGov, batamGov, karo]) {
  await call('POST', `/admin/organizations/${party.organizationId}/verify`, {
    token: operator.token,
    body: { note: 'Demo: SK kepala daerah / akta koperasi diperiksa' },
  });
}
const proposedAgreement = await call('POST', '/agreements', {
  token: malangGov.token,
  body: {
    title: 'Kerja sama cabai Kabupaten Malang - Kota Batam',
    regionCodes: ['35.07', '21.71'],
    commodityCodes: ['cabai_merah_keriting'],
    validFrom: new Date(Date.now() - day).toISOString(),
    validUntil: new Date(Date.now() + 365 * day).toISOString(),
    priorityBonusPerUnit: 0,
    counterpartOrganizationId: batamGov.organizationId,
    // Demo figures (not the real agreement's): 6 t a week, penalty and price band chosen for the story.
    commitments: [{ commodityCode: 'cabai_merah_keriting', quantityPerPeriod: 6000 }],
    shortfallPenaltyPerUnit: 20000,
    priceFloorPerUnit: 20000,
    priceCeilingPerUnit: 45000,
    noticeDays: 30,
  },
});
console.log(`Malang proposed agreement ${proposedAgreement.id.slice(0, 8)} (${proposedAgreement.status}): ${kg(6000)} a week, price band ${rupiah(20000)}-${rupiah(45000)}/kg`);
const agreement = await call('POST', `/agreements/${proposedAgreement.id}/accept`, { token: batamGov.token });
console.log(`Batam accepted: ${agreement.status} since ${wib(agreement.acceptedAt)}`);

const standing = await call('POST', '/standing-orders', {
  token: dkp.token,
  body: {
    side: 'demand',
    commodityCode: 'cabai_merah_keriting',
    grade: 'II',
    quantity: 1500,
    period: 'day',
    deliveryDays: [1, 2, 3, 4, 5, 6, 7],
    pricePerUnit: 60000,
    regionCode: '21.71',
    windowDays: 2,
    minShelfLifeDaysOnArrival: 1,
    startsOn: today,
    notes: 'Pasokan harian pasar Batam',
  },
});
console.log(`Batam food office posted a standing order: ${kg(standing.quantity)} a day, every day, landed up to ${rupiah(standing.pricePerUnit)}/kg`);
const forward = await call('POST', '/standing-orders', {
  token: coop.token,
  body: {
    side: 'supply',
    commodityCode: 'cabai_merah_keriting',
    grade: 'I',
    quantity: 7000,
    period: 'week',
    deliveryDays: [1, 3, 5],
    pricePerUnit: 31000,
    regionCode: '35.07',
    windowDays: 3,
    startsOn: today,
    notes: 'Perkiraan panen mingguan',
  },
});
console.log(`Malang cooperative posted forward supply: ${kg(forward.quantity)} a week, harvested Mon/Wed/Fri at ${rupiah(forward.pricePerUnit)}/kg`);
await call('POST', '/supply-listings', {
  token: karo.token,
  body: {
    commodityCode: 'cabai_merah_keriting',
    grade: 'I',
    quantity: 4000,
    pricePerUnit: 29000,
    originRegionCode: '12.06',
    availableFrom: new Date().toISOString(),
    availableUntil: new Date(Date.now() + 6 * day).toISOString(),
    harvestedAt: new Date().toISOString(),
    notes: 'Cabai Karo',
  },
});
console.log(`Karo cooperative (North Sumatra) posted ${kg(4000)} at ${rupiah(29000)}/kg`);

// The worker matches the slots like any request; both sides accept what is proposed.
const slotRequests = new Set(
  (await call('GET', `/standing-orders/${standing.id}/slots`, { token: dkp.token })).map((s) => s.demandRequestId),
);
let slotProposals = [];
const settleBy = Date.now() + 20000;
while (Date.now() < settleBy) {
  const page = await call('GET', '/matches?status=proposed&limit=100', { token: dkp.token });
  const found = page.items.filter((m) => slotRequests.has(m.demandRequestId));
  if (found.length > 0 && found.length === slotProposals.length) break; // stable
  slotProposals = found;
  await sleep(1000);
}
const wanted = new Set(slotProposals.map((m) => m.id));
let accepted = 0;
for (const supplier of [coop, karo]) {
  const mine = (await call('GET', '/matches?status=proposed&limit=100', { token: supplier.token })).items;
  for (const m of mine.filter((x) => wanted.has(x.id))) {
    try {
      await call('POST', `/matches/${m.id}/accept`, { token: supplier.token });
      await call('POST', `/matches/${m.id}/accept`, { token: dkp.token });
      accepted++;
    } catch (error) {
      console.log(`  (proposal ${m.id.slice(0, 8)} moved on before both answered: ${error.message.split(' ->')[0]})`);
    }
  }
}
// A trade confirmed here takes stock, and the re-optimisation it causes can supersede a proposal
// of the same listing before both sides reach it: the slots then show it as still proposed.
console.log(
  `Both sides accepted ${accepted} of the ${slotProposals.length} proposals for the standing order's slots` +
    (accepted < slotProposals.length ? ' (the others were re-optimised before both answered)' : ''),
);

console.log('Standing order fulfilment per slot (kg):');
const fulfilment = await call('GET', `/standing-orders/${standing.id}/slots`, { token: dkp.token });
for (const s of fulfilment.filter((x) => x.status === 'active').sort((a, b) => a.date.localeCompare(b.date))) {
  console.log(`  ${s.date}  asked ${kg(s.quantity).padStart(9)}  proposed ${kg(s.proposed).padStart(9)}  confirmed ${kg(s.confirmed).padStart(9)}  filled ${(s.fillRatio * 100).toFixed(0)}%`);
}
console.log('Agreement fulfilment per week (kg):');
for (const p of await call('GET', `/agreements/${agreement.id}/fulfilment`, { token: dkp.token })) {
  console.log(`  week of ${p.periodStart} ${p.commodityCode}: committed ${kg(p.committed)}, proposed ${kg(p.proposed)}, confirmed ${kg(p.confirmed)}, delivered ${kg(p.delivered)}${p.behind ? ' (behind)' : ''}`);
}
// The week that follows (scripts/demo-week.mjs, run next by demo.sh) continues from here.
const pick = ({ token, organizationId }) => ({ token, organizationId });
writeFileSync(
  join(mailDir, '..', 'programme.json'),
  JSON.stringify({
    dkp: pick(dkp),
    coop: pick(coop),
    karo: pick(karo),
    batamGov: pick(batamGov),
    malangGov: pick(malangGov),
    standingOrderId: standing.id,
    agreementId: agreement.id,
  }),
);
console.log(`API docs: ${base}/docs`);

// The console (web/) holds this demonstration's data: log in as any of its organizations.
console.log(`Konsol Jembatan: ${base.replace('127.0.0.1', 'localhost')}/login, password demo-password-123:`);
console.log(`  cooperative (Malang):        ${coop.email}`);
console.log(`  procurement (Batam):         ${dkp.email}`);
console.log(`  cooperative (Karo, Sumatra): ${karo.email}`);
console.log(`  trader, administrator:       ${operator.email}`);
console.log(`  government (Kota Batam):     ${batamGov.email}`);
console.log(`  government (Kab. Malang):    ${malangGov.email}`);
