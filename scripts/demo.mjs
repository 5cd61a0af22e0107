// Plays the founding story against a running Jembatan: a chili cooperative in Kabupaten Malang
// and the food office of Kota Batam meet through the API. Usage: node scripts/demo.mjs BASE_URL
const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const api = `${base}/api/v1`;
const run = Date.now().toString(36);
const day = 24 * 3600 * 1000;
const rupiah = (n) => `Rp ${Number(n).toLocaleString('en-US')}`;

async function call(method, path, { token, body } = {}) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function register(name, type, regionCode, email) {
  const res = await call('POST', '/auth/register', {
    body: {
      organization: { name, type, regionCode },
      user: { email: `${email}+${run}@example.id`, password: 'demo-password-123', name },
    },
  });
  console.log(`  registered ${type.padEnd(11)} ${name} (${regionCode})`);
  return res.accessToken;
}

const malang = await call('GET', '/regions/35.07');
const batam = await call('GET', '/regions/21.71');
const chili = await call('GET', '/commodities/cabai_merah_keriting');
console.log(`Reference data: ${malang.name} (${malang.islandGroup}) -> ${batam.name} (${batam.islandGroup});`);
console.log(`  ${chili.nameId}: grades ${chili.grades.join(' > ')}, shelf life ${chili.shelfLifeDaysAmbient} days ambient, ${chili.shelfLifeDaysCold} cold`);

console.log('Organizations:');
const coop = await register('KUD Tani Cabai Makmur, Malang', 'cooperative', '35.07', 'kud-malang');
const dkp = await register('Dinas Ketahanan Pangan Kota Batam', 'procurement', '21.71', 'dkp-batam');

const listing = await call('POST', '/supply-listings', {
  token: coop,
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
  `Malang cooperative posted ${listing.quantity.toLocaleString('en-US')} ${listing.unit} of ${listing.commodityCode} grade ${listing.grade} at ${rupiah(listing.pricePerUnit)}/${listing.unit} (listing ${listing.id}, ${listing.status})`,
);

const request = await call('POST', '/demand-requests', {
  token: dkp,
  body: {
    commodityCode: 'cabai_merah_keriting',
    minGrade: 'II',
    quantity: 3000,
    maxPricePerUnit: 60000,
    destinationRegionCode: '21.71',
    deliverBy: new Date(Date.now() + 10 * day).toISOString(),
    minShelfLifeDaysOnArrival: 2,
    notes: 'Stok operasi pasar',
  },
});
console.log(
  `Batam food office requested ${request.quantity.toLocaleString('en-US')} ${request.unit}, grade ${request.minGrade} or better, landed price up to ${rupiah(request.maxPricePerUnit)}/${request.unit}, by ${request.deliverBy.slice(0, 10)} (request ${request.id})`,
);

// The worker picks the two events up from the outbox and re-optimises the chili market.
async function waitForProposal(token, requestId) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const page = await call('GET', `/matches?demandRequestId=${requestId}&status=proposed`, { token });
    if (page.items.length > 0) return page.items;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no proposal within 20 s; see .demo/jembatan.log');
}
const started = Date.now();
const proposals = await waitForProposal(dkp, request.id);
const total = proposals.reduce((n, m) => n + m.quantity, 0);
console.log(`${proposals.length} proposal(s) for the request after ${((Date.now() - started) / 1000).toFixed(1)} s, ${total.toLocaleString('en-US')} kg in all` +
  (proposals.length > 1 ? ' (listings of earlier demo runs are still on the market)' : '') + ':');
for (const match of proposals) {
  const transitDays = (Date.parse(match.arrivalDate) - Date.parse(match.departureDate)) / 86400000;
  console.log(`  match ${match.id}: ${match.quantity.toLocaleString('en-US')} kg at ${rupiah(match.pricePerUnit)}/kg by ${match.transportMode}, ${match.distanceKm.toLocaleString('en-US')} km`);
  console.log(`    transport ${rupiah(match.transportCostPerUnit)}/kg, landed ${rupiah(match.landedCostPerUnit)}/kg (the maximum is ${rupiah(request.maxPricePerUnit)})`);
  console.log(`    departs ${match.departureDate.slice(0, 10)}, arrives ${match.arrivalDate.slice(0, 10)} (${transitDays.toFixed(1)} days) with ${match.shelfLifeDaysOnArrival} days of shelf life left`);
  console.log(`    gain for Batam ${rupiah(match.gainPerUnit)}/kg, ${rupiah(match.gainPerUnit * match.quantity)} in all`);
}

// Both sides were told: each inbox holds the proposal, seen from its own side.
for (const [who, token] of [['cooperative', coop], ['food office', dkp]]) {
  const inbox = await call('GET', '/notifications', { token });
  const proposed = inbox.items.filter((n) => n.type === 'match.proposed');
  const m = proposed[0]?.data.match;
  console.log(`Inbox of the ${who}: ${inbox.items.length} notification(s): ${[...new Set(inbox.items.map((n) => n.type))].join(', ')}` +
    (m ? ` (match ${m.id.slice(0, 8)}, ${m.quantity} kg, as ${m.role}${m.gainPerUnit === null ? ', gain hidden from the supplier' : ''})` : ''));
}

// Both accept the first proposal: it becomes a trade, and both hear of it.
const first = proposals[0];
await call('POST', `/matches/${first.id}/accept`, { token: coop });
const confirmed = await call('POST', `/matches/${first.id}/accept`, { token: dkp });
const trades = await call('GET', '/trades', { token: dkp });
const trade = trades.items.find((t) => t.matchId === first.id);
console.log(`Both accepted: match ${confirmed.status}; trade ${trade.id} for ${trade.quantity.toLocaleString('en-US')} kg, ${rupiah(trade.totalPrice)} (${trade.status})`);
const deadline = Date.now() + 10000;
let told = [];
while (Date.now() < deadline) {
  told = await Promise.all([coop, dkp].map(async (token) => (await call('GET', '/notifications', { token })).items.some((n) => n.type === 'match.confirmed')));
  if (told.every(Boolean)) break;
  await new Promise((r) => setTimeout(r, 200));
}
console.log(`match.confirmed in the cooperative's inbox: ${told[0]}, in the food office's inbox: ${told[1]}`);

// Why not? A request priced below any landed cost gets no proposal, and can learn why.
const cheap = await call('POST', '/demand-requests', {
  token: dkp,
  body: {
    commodityCode: 'cabai_merah_keriting',
    minGrade: 'II',
    quantity: 1000,
    maxPricePerUnit: 30000,
    destinationRegionCode: '21.71',
    deliverBy: new Date(Date.now() + 10 * day).toISOString(),
  },
});
const why = await call('GET', `/demand-requests/${cheap.id}/candidates?limit=3`, { token: dkp });
const mine = why.items.find((c) => c.counterpartId === listing.id) ?? why.items[0];
console.log(`A second request at ${rupiah(cheap.maxPricePerUnit)}/kg asks why it gets nothing: ${mine.rule}: ${mine.message}; it would take ${mine.wouldTake}.`);
console.log(`API docs: ${base}/docs`);
