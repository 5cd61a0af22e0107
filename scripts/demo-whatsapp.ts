// The founding story once more, decided on the phone (issue #13): the Malang cooperative's chair
// and Batam's procurement officer add their WhatsApp numbers, the chair posts cabai rawit by a
// JUAL message, both get the proposal as an approved template and accept it by reply, and both
// get the confirmation. Prints the conversation as text. The WhatsApp Business Cloud API is the
// local fake the e2e tests use (test/support/whatsapp-fake.ts, same HTTP contract and webhook
// signatures), listening where demo.sh pointed the platform (WHATSAPP_API_BASE_URL).
// Usage: ts-node --transpile-only scripts/demo-whatsapp.ts BASE_URL WHATSAPP_PORT ACCOUNTS_JSON
import { readFileSync } from 'node:fs';
import { approvedTemplates } from '../test/support/channels';
import { FakeWhatsApp, WhatsAppSent } from '../test/support/whatsapp-fake';

const [base = 'http://127.0.0.1:3000', port = '3901', accountsFile = '.demo/accounts.json'] =
  process.argv.slice(2);
const api = `${base}/api/v1`;
const webhook = `${api}/channels/whatsapp/webhook`;
const day = 24 * 3600_000;
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const clock = () =>
  new Date().toLocaleTimeString('id-ID', {
    timeZone: 'Asia/Jakarta',
    hour: '2-digit',
    minute: '2-digit',
  });

interface Person {
  name: string;
  phone: string;
  token: string;
}

async function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** Waits for the next message the platform sends to `phone` that `matches`. */
async function nextTo(
  fake: FakeWhatsApp,
  phone: string,
  seen: Set<string>,
  matches: (m: WhatsAppSent) => boolean,
  what: string,
): Promise<WhatsAppSent> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const message = fake.sentTo(phone).find((m) => !seen.has(m.id) && matches(m));
    if (message) {
      seen.add(message.id);
      return message;
    }
    await sleep(100);
  }
  throw new Error(`no WhatsApp message within 30 s: ${what}`);
}

async function main(): Promise<void> {
  const accounts = JSON.parse(readFileSync(accountsFile, 'utf8')) as {
    password: string;
    cooperative: { email: string; person: string; phone: string };
    procurement: { email: string; person: string; phone: string };
  };
  const fake = await new FakeWhatsApp({
    phoneNumberId: process.env.WHATSAPP_PHONE_NUMBER_ID ?? '',
    accessToken: process.env.WHATSAPP_ACCESS_TOKEN ?? '',
    appSecret: process.env.WHATSAPP_APP_SECRET ?? '',
    templates: approvedTemplates(),
  }).start(Number(port));
  const seen = new Set<string>();
  const fromJembatan = (person: Person, m: WhatsAppSent) => {
    const buttons = m.buttons.length ? `  [${m.buttons.join('] [')}]` : '';
    const kind = m.type === 'template' ? ` (template ${String(templateName(m))})` : '';
    say(`  [${clock()} WIB] Jembatan -> ${person.name}${kind}: ${m.text}${buttons}`);
  };
  const fromPerson = async (
    person: Person,
    message: { text: string } | { quickReply: string },
  ): Promise<void> => {
    const shown = 'text' in message ? message.text : `(tombol) ${message.quickReply}`;
    say(`  [${clock()} WIB] ${person.name} -> Jembatan: ${shown}`);
    const { status } = await fake.userSends(webhook, person.phone, message);
    if (status !== 200) throw new Error(`the webhook answered ${status}`);
  };
  const reply = async (person: Person, what: string, matches: (m: WhatsAppSent) => boolean) =>
    fromJembatan(person, await nextTo(fake, person.phone, seen, matches, what));

  try {
    const login = async (who: { email: string; person: string; phone: string }) => {
      const { accessToken } = await call<{ accessToken: string }>(
        'POST',
        '/auth/login',
        undefined,
        {
          email: who.email,
          password: accounts.password,
        },
      );
      return { name: who.person, phone: who.phone, token: accessToken };
    };
    const chair = await login(accounts.cooperative);
    const officer = await login(accounts.procurement);

    say('Phones: each person proves a number with a one-time code, then opts in to WhatsApp');
    for (const person of [chair, officer]) {
      await call('PUT', '/me/phone', person.token, {
        phone: person.phone,
        channel: 'whatsapp',
        language: 'id',
      });
      const sent = await nextTo(fake, person.phone, seen, (m) => /\d{6}/.test(m.text), 'the code');
      fromJembatan(person, sent);
      const code = /(\d{6})/.exec(sent.text)![1];
      await call('POST', '/me/phone/verify', person.token, { code });
      await call('PATCH', '/me/phone', person.token, { whatsappOptIn: true, smsOptIn: false });
      say(`  ${person.name} entered the code in the console and opted in to WhatsApp`);
    }

    say('The chair posts supply by message; an ambiguous name gets a question, not a guess:');
    await fromPerson(chair, { text: 'JUAL cabai rawit 1 ton 45rb panen hari ini' });
    await reply(chair, 'the question', (m) => m.text.includes('Yang mana'));
    await fromPerson(chair, { text: 'JUAL cabai rawit merah 1 ton 45rb mutu I panen hari ini' });
    const readBack = await nextTo(
      fake,
      chair.phone,
      seen,
      (m) => /YA \d+/.test(m.text),
      'read-back',
    );
    fromJembatan(chair, readBack);
    await fromPerson(chair, { text: `YA ${/YA (\d+)/.exec(readBack.text)![1]}` });
    await reply(chair, 'the listing posted', (m) => m.text.startsWith('Penawaran dipasang'));

    const request = await call<{ id: string }>('POST', '/demand-requests', officer.token, {
      commodityCode: 'cabai_rawit_merah',
      minGrade: 'II',
      quantity: 900,
      maxPricePerUnit: 90000,
      destinationRegionCode: '21.71',
      deliverBy: new Date(Date.now() + 5 * day).toISOString(),
      minShelfLifeDaysOnArrival: 1,
      notes: 'Cabai rawit untuk pasar Batam',
    });
    say(
      `Batam's officer posts a request in the console: 900 kg cabai rawit merah, grade II or better, landed up to Rp 90.000/kg (request ${request.id.slice(0, 8)})`,
    );

    say('The worker proposes; both get the approved template with Terima/Tolak quick replies:');
    const proposal = (m: WhatsAppSent) => /^Usulan \d{4}:/.test(m.text);
    const toChair = await nextTo(fake, chair.phone, seen, proposal, "the chair's proposal");
    fromJembatan(chair, toChair);
    const toOfficer = await nextTo(fake, officer.phone, seen, proposal, "the officer's proposal");
    fromJembatan(officer, toOfficer);
    const codeOf = (m: WhatsAppSent) => /^Usulan (\d{4}):/.exec(m.text)![1];

    await fromPerson(chair, { text: `terima ${codeOf(toChair)}` });
    await reply(chair, 'acceptance recorded', (m) => m.text.includes('Anda terima'));
    await reply(officer, 'the counterpart accepted', (m) => m.text.includes('sudah menerima'));
    await fromPerson(officer, { quickReply: `TERIMA ${codeOf(toOfficer)}` });
    await reply(officer, 'both agreed', (m) => m.text.includes('transaksi dikonfirmasi'));
    for (const person of [chair, officer])
      await reply(person, 'the confirmation', (m) => m.text.startsWith('Transaksi '));
    await fromPerson(officer, { text: 'STATUS' });
    await reply(officer, 'the status', (m) => /usulan terbuka/i.test(m.text));

    const trades = await call<{ items: { status: string; demandRequestId: string }[] }>(
      'GET',
      '/trades?limit=100',
      officer.token,
    );
    const trade = trades.items.find((t) => t.demandRequestId === request.id);
    if (!trade) throw new Error('the replies confirmed no trade');
    say(`The API agrees: the trade for request ${request.id.slice(0, 8)} is ${trade.status}`);
  } finally {
    await fake.stop();
  }
}

/** The approved template's name, as the provider received it. */
function templateName(m: WhatsAppSent): unknown {
  return (m.body.template as { name?: string } | undefined)?.name;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
