// A week of Batam's standing chili order under the Malang-Batam agreement (#12), played after
// scripts/demo.mjs against the same running Jembatan: each simulated day, the day's slot takes
// what the engine proposes from Malang's forward supply and Karo's (North Sumatra) chili, both
// sides accept, the cooperative ships and the food office records what arrived. Days are played
// through the API's own means (a standing order keeps a week of slots ahead, one per day, and a
// trade moves to delivered when its buyer says so): nothing waits for a real day to pass. Then
// the agreement's fulfilment report and the regional balance (neraca) as the governments read it.
// Usage: node scripts/demo-week.mjs BASE_URL STATE_FILE (written by demo.mjs).
import { readFileSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const state = JSON.parse(readFileSync(process.argv[3] ?? '.demo/programme.json', 'utf8'));
const api = `${base}/api/v1`;
const CHILI = 'cabai_merah_keriting';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Indonesian formats: Rp 37.516, 1.500 kg, 3,2 ton.
const rupiah = (n) => `Rp ${BigInt(n).toLocaleString('id-ID')}`;
const kg = (n) => `${Number(n).toLocaleString('id-ID')} kg`;
const ton = (n) => `${Number(n).toLocaleString('id-ID', { maximumFractionDigits: 2 })} ton`;
const DAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const dayName = (iso) => DAYS[(new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7];

async function call(method, path, token, body) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const { dkp, coop, karo, batamGov, malangGov, standingOrderId, agreementId } = state;
const suppliers = new Map([
  [coop.organizationId, { ...coop, name: 'KUD Malang' }],
  [karo.organizationId, { ...karo, name: 'Koperasi Karo' }],
]);

/** The proposals for one slot's request, once the engine has had its say (stable twice). */
async function proposalsFor(requestId) {
  let last = null;
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    const page = await call('GET', `/matches?demandRequestId=${requestId}&status=proposed&limit=100`, dkp.token);
    const ids = page.items.map((m) => m.id).sort().join();
    if (last !== null && ids === last) return page.items;
    last = ids;
    await sleep(700);
  }
  return (await call('GET', `/matches?demandRequestId=${requestId}&status=proposed&limit=100`, dkp.token)).items;
}

console.log('\n--- Seminggu pesanan tetap Batam / A week of Batam\'s standing order (simulated days) ---');
const slots = (await call('GET', `/standing-orders/${standingOrderId}/slots`, dkp.token))
  .filter((s) => s.status === 'active')
  .sort((a, b) => a.date.localeCompare(b.date))
  .slice(0, 7);
let receivedTotal = 0;
const tradeIds = new Set();
for (const [d, slot] of slots.entries()) {
  const proposals = await proposalsFor(slot.demandRequestId);
  const parts = [];
  for (const m of proposals) {
    const supplier = suppliers.get(m.counterparty.organizationId);
    if (!supplier) continue;
    try {
      await call('POST', `/matches/${m.id}/accept`, supplier.token);
      await call('POST', `/matches/${m.id}/accept`, dkp.token);
    } catch (error) {
      parts.push(`(usulan ${m.id.slice(0, 8)} berubah sebelum disetujui: ${error.message.split(' ->')[0]})`);
    }
  }
  // Every trade of the slot (also those confirmed by demo.mjs before the week began) is shipped
  // and delivered on its day; on Thursday one lot arrives 2 % short and the buyer says so.
  const trades = (await call('GET', '/trades?limit=100', dkp.token)).items.filter(
    (t) => t.demandRequestId === slot.demandRequestId && !tradeIds.has(t.id),
  );
  for (const t of trades) {
    tradeIds.add(t.id);
    const match = await call('GET', `/matches/${t.matchId}`, dkp.token);
    const supplier = suppliers.get(match.counterparty.organizationId);
    if (t.status === 'confirmed') await call('PATCH', `/trades/${t.id}`, supplier.token, { status: 'shipped' });
    const short = dayName(slot.date) === 'Kamis' ? Math.round(t.quantityDelivered * 0.02) : 0;
    const received = t.quantityDelivered - short;
    await call('PATCH', `/trades/${t.id}`, dkp.token, {
      status: 'delivered',
      receivedQuantity: received,
      gradeOnArrival: t.grade ?? 'II',
    });
    receivedTotal += received;
    parts.push(`${supplier.name} ${kg(received)} diterima${short ? ` (kurang ${kg(short)}: klaim dibuka)` : ''} @ ${rupiah(t.pricePerUnit)}/kg`);
  }
  console.log(`  Hari ${d + 1} ${dayName(slot.date).padEnd(6)} ${slot.date}: pesan ${kg(slot.quantity)}; ${parts.length ? parts.join('; ') : 'tidak ada usulan (pasokan habis)'}`);
}

const after = await call('GET', `/standing-orders/${standingOrderId}/slots`, dkp.token);
const week = after.filter((s) => slots.some((x) => x.slotId === s.slotId));
const asked = week.reduce((n, s) => n + s.quantity, 0);
const delivered = week.reduce((n, s) => n + s.delivered, 0);
console.log(`  Seminggu: dipesan ${kg(asked)}, terkirim ${kg(delivered)} (${((delivered / asked) * 100).toFixed(0)} %)`);

console.log('\nLaporan pemenuhan kerja sama Malang-Batam / agreement fulfilment (kg):');
for (const p of await call('GET', `/agreements/${agreementId}/fulfilment`, batamGov.token)) {
  console.log(`  minggu mulai ${p.periodStart} ${p.commodityCode}: komitmen ${kg(p.committed)}, diusulkan ${kg(p.proposed)}, dikonfirmasi ${kg(p.confirmed)}, terkirim ${kg(p.delivered)}${p.behind ? ' — TERTINGGAL (behind)' : ' — sesuai target'}`);
}

// The balance is kept by the worker from the events of the week: wait until it has caught up
// with the deliveries just recorded (seconds), then read it as Batam's government would.
const weeks = [...new Set(slots.map((s) => isoWeek(s.date)))];
const balance = async (query) =>
  (await call('GET', `/balance?commodityCode=${CHILI}&from=${weeks[0]}&to=${weeks.at(-1)}&limit=100&${query}`, batamGov.token)).items;
const caughtUpBy = Date.now() + 30000;
let batam = [];
while (Date.now() < caughtUpBy) {
  batam = await balance('regionCode=21.71');
  if (batam.reduce((n, r) => n + r.deliveredIn, 0) >= receivedTotal) break;
  await sleep(300);
}
console.log(`\nNeraca cabai merah keriting / regional balance, ${weeks.join(' s.d. ')} (minggu ISO, zona WIB):`);
console.log(`  ${'wilayah'.padEnd(34)} ${'minggu'.padEnd(8)} ${'pasokan'.padStart(10)} ${'permintaan'.padStart(10)} ${'dikonfirmasi'.padStart(13)} ${'terkirim/diterima'.padStart(18)} ${'surplus/defisit'.padStart(16)}`);
const rows = [
  ...(await balance('regionCode=35.07')),
  ...(await balance('regionCode=12.06')),
  ...batam,
  ...(await balance('level=province&regionCode=35')),
  ...(await balance('level=province&regionCode=12')),
  ...(await balance('level=province&regionCode=21')),
];
for (const r of rows) {
  const moved = r.confirmedIn || r.confirmedOut ? (r.confirmedIn ? `+${kg(r.confirmedIn)}` : `-${kg(r.confirmedOut)}`) : '-';
  const got = r.deliveredIn ? `+${kg(r.deliveredIn)}` : r.deliveredOut ? `-${kg(r.deliveredOut)}` : '-';
  const position = r.surplus > 0 ? `surplus ${kg(r.surplus)}` : r.surplus < 0 ? `defisit ${kg(-r.surplus)}` : 'seimbang';
  console.log(`  ${`${r.regionName} (${r.level === 'province' ? 'provinsi' : 'kab/kota'})`.padEnd(34)} ${r.week.padEnd(8)} ${kg(r.supplyPosted).padStart(10)} ${kg(r.demandPosted).padStart(10)} ${moved.padStart(13)} ${got.padStart(18)} ${position.padStart(16)}`);
}
const flows = (await call('GET', `/balance/flows?level=regency&regionCode=21.71&commodityCode=${CHILI}&from=${weeks[0]}&to=${weeks.at(-1)}`, malangGov.token)).items;
console.log('  (+ masuk ke wilayah, - keluar dari wilayah; surplus/defisit = pasokan - permintaan)');
console.log('Arus antarwilayah ke Batam / flows into Batam (ton, minggu tiba):');
for (const f of flows) {
  console.log(`  ${f.originName} -> ${f.destinationName} ${f.week}: dikonfirmasi ${ton(f.confirmedTonnes)}, diterima ${ton(f.deliveredTonnes)}`);
}
console.log(`CSV (header Indonesia, pemisah ;): ${api}/balance?regionCode=21&level=regency&format=csv`);

function isoWeek(date) {
  const day = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * 86400000);
  const year = thursday.getUTCFullYear();
  const n = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86400000)) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}
