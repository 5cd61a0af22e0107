import type { DeclineReason } from '../../matching/exclusions/exclusion.entity';
import type { Language } from './indonesian-format';

/**
 * Every text the platform sends by WhatsApp or SMS, in Bahasa Indonesia and English, with its
 * variables written `{name}`. Texts are short (one SMS where possible) and say which words to
 * reply. Business-initiated kinds also have a WhatsApp template: Meta delivers nothing else
 * outside the 24-hour customer-service window, and each template must be approved in advance
 * under its `name` with its body and the variables numbered in order of first appearance
 * ({{1}}, {{2}}...). Its quick-reply buttons carry the same commands a person would type.
 * Replies to a message a person just sent are always inside the window and need no template.
 */
export interface MessageTemplate {
  variables: readonly string[];
  id: string;
  en: string;
  whatsapp?: {
    name: string;
    id: string;
    en: string;
    /** Quick-reply buttons: the label and the command (with variables) the tap sends back. */
    quickReplies?: { id: string; en: string; command: string }[];
  };
}

const ANSWER_BUTTONS = [
  { id: 'Terima', en: 'Accept', command: 'TERIMA {code}' },
  { id: 'Tolak', en: 'Decline', command: 'TOLAK {code}' },
];

export const MESSAGE_TEMPLATES = {
  proposal_supplier: {
    variables: ['code', 'quantity', 'commodity', 'place', 'price', 'date', 'mode', 'deadline'],
    id: 'Usulan {code}: {quantity} {commodity} ke {place}, {price}/kg, kirim {date} lewat {mode}. Berlaku s/d {deadline}. Balas TERIMA {code} atau TOLAK {code} HARGA.',
    en: 'Proposal {code}: {quantity} {commodity} to {place}, {price}/kg, ship {date} by {mode}. Valid until {deadline}. Reply TERIMA {code} or TOLAK {code} HARGA.',
    whatsapp: {
      name: 'jembatan_usulan_pemasok',
      id: 'Usulan {code}: {quantity} {commodity} ke {place}, {price}/kg, kirim {date} lewat {mode}. Berlaku s/d {deadline}.',
      en: 'Proposal {code}: {quantity} {commodity} to {place}, {price}/kg, ship {date} by {mode}. Valid until {deadline}.',
      quickReplies: ANSWER_BUTTONS,
    },
  },
  proposal_buyer: {
    variables: ['code', 'quantity', 'commodity', 'place', 'price', 'date', 'mode', 'deadline'],
    id: 'Usulan {code}: {quantity} {commodity} dari {place}, {price}/kg sampai tujuan, tiba {date} lewat {mode}. Berlaku s/d {deadline}. Balas TERIMA {code} atau TOLAK {code} HARGA.',
    en: 'Proposal {code}: {quantity} {commodity} from {place}, {price}/kg delivered, arriving {date} by {mode}. Valid until {deadline}. Reply TERIMA {code} or TOLAK {code} HARGA.',
    whatsapp: {
      name: 'jembatan_usulan_pembeli',
      id: 'Usulan {code}: {quantity} {commodity} dari {place}, {price}/kg sampai tujuan, tiba {date} lewat {mode}. Berlaku s/d {deadline}.',
      en: 'Proposal {code}: {quantity} {commodity} from {place}, {price}/kg delivered, arriving {date} by {mode}. Valid until {deadline}.',
      quickReplies: ANSWER_BUTTONS,
    },
  },
  counterpart_accepted: {
    variables: ['code', 'counterpart'],
    id: 'Usulan {code}: {counterpart} sudah menerima. Balas TERIMA {code} untuk konfirmasi atau TOLAK {code}.',
    en: 'Proposal {code}: {counterpart} has accepted. Reply TERIMA {code} to confirm or TOLAK {code}.',
    whatsapp: {
      name: 'jembatan_usulan_diterima_mitra',
      id: 'Usulan {code}: {counterpart} sudah menerima. Jawab untuk konfirmasi.',
      en: 'Proposal {code}: {counterpart} has accepted. Answer to confirm.',
      quickReplies: ANSWER_BUTTONS,
    },
  },
  trade_confirmed: {
    variables: [
      'code',
      'quantity',
      'commodity',
      'price',
      'departure',
      'arrival',
      'counterpart',
      'contact',
    ],
    id: 'Transaksi {code} dikonfirmasi: {quantity} {commodity}, {price}/kg, kirim {departure}, tiba {arrival}. Hubungi {counterpart}: {contact}.',
    en: 'Trade {code} confirmed: {quantity} {commodity}, {price}/kg, ships {departure}, arrives {arrival}. Contact {counterpart}: {contact}.',
    whatsapp: {
      name: 'jembatan_transaksi_dikonfirmasi',
      id: 'Transaksi {code} dikonfirmasi: {quantity} {commodity}, {price}/kg, kirim {departure}, tiba {arrival}. Hubungi {counterpart}: {contact}.',
      en: 'Trade {code} confirmed: {quantity} {commodity}, {price}/kg, ships {departure}, arrives {arrival}. Contact {counterpart}: {contact}.',
    },
  },
  // The buyer is confirmed the landed price per delivered kg its proposal showed and it accepted
  // (DESIGN: the maximum is a landed price), not the cooperative's price at origin.
  trade_confirmed_buyer: {
    variables: [
      'code',
      'quantity',
      'commodity',
      'price',
      'departure',
      'arrival',
      'counterpart',
      'contact',
    ],
    id: 'Transaksi {code} dikonfirmasi: {quantity} {commodity}, {price}/kg sampai tujuan, kirim {departure}, tiba {arrival}. Hubungi {counterpart}: {contact}.',
    en: 'Trade {code} confirmed: {quantity} {commodity}, {price}/kg delivered, ships {departure}, arrives {arrival}. Contact {counterpart}: {contact}.',
    whatsapp: {
      name: 'jembatan_transaksi_dikonfirmasi_pembeli',
      id: 'Transaksi {code} dikonfirmasi: {quantity} {commodity}, {price}/kg sampai tujuan, kirim {departure}, tiba {arrival}. Hubungi {counterpart}: {contact}.',
      en: 'Trade {code} confirmed: {quantity} {commodity}, {price}/kg delivered, ships {departure}, arrives {arrival}. Contact {counterpart}: {contact}.',
    },
  },
  counterpart_declined: {
    variables: ['code', 'counterpart', 'reason'],
    id: 'Usulan {code} ditolak oleh {counterpart} (alasan: {reason}).',
    en: 'Proposal {code} was declined by {counterpart} (reason: {reason}).',
    whatsapp: {
      name: 'jembatan_usulan_ditolak',
      id: 'Usulan {code} ditolak oleh {counterpart} (alasan: {reason}).',
      en: 'Proposal {code} was declined by {counterpart} (reason: {reason}).',
    },
  },
  proposal_expired: {
    variables: ['code'],
    id: 'Usulan {code} kedaluwarsa tanpa jawaban kedua pihak.',
    en: 'Proposal {code} expired before both sides answered.',
    whatsapp: {
      name: 'jembatan_usulan_kedaluwarsa',
      id: 'Usulan {code} kedaluwarsa tanpa jawaban kedua pihak.',
      en: 'Proposal {code} expired before both sides answered.',
    },
  },
  phone_code: {
    variables: ['otp', 'minutes'],
    id: 'Kode verifikasi Jembatan: {otp}. Berlaku {minutes} menit. Jangan berikan kode ini kepada siapa pun.',
    en: 'Jembatan verification code: {otp}. Valid for {minutes} minutes. Do not share this code with anyone.',
    whatsapp: {
      name: 'jembatan_kode_verifikasi',
      id: 'Kode verifikasi Jembatan: {otp}. Berlaku {minutes} menit. Jangan berikan kode ini kepada siapa pun.',
      en: 'Jembatan verification code: {otp}. Valid for {minutes} minutes. Do not share this code with anyone.',
    },
  },
  reply_accepted_waiting: {
    variables: ['code', 'counterpart'],
    id: 'Usulan {code} Anda terima. Menunggu jawaban {counterpart}.',
    en: 'You accepted proposal {code}. Waiting for {counterpart} to answer.',
  },
  reply_accepted_confirmed: {
    variables: ['code'],
    id: 'Usulan {code} Anda terima. Kedua pihak setuju: transaksi dikonfirmasi.',
    en: 'You accepted proposal {code}. Both sides agree: the trade is confirmed.',
  },
  reply_declined: {
    variables: ['code', 'reason'],
    id: 'Usulan {code} Anda tolak (alasan: {reason}). Pasangan ini tidak diusulkan lagi sampai syaratnya berubah.',
    en: 'You declined proposal {code} (reason: {reason}). This pair is not proposed again until its terms change.',
  },
  reply_not_found: {
    variables: ['code'],
    id: 'Usulan {code} tidak ditemukan. Balas STATUS untuk melihat usulan yang terbuka.',
    en: 'Proposal {code} was not found. Reply STATUS to see your open proposals.',
  },
  reply_not_open: {
    variables: ['code', 'state'],
    id: 'Usulan {code} sudah {state} dan tidak bisa dijawab lagi.',
    en: 'Proposal {code} is already {state} and can no longer be answered.',
  },
  reply_quantity_gone: {
    variables: ['code'],
    id: 'Usulan {code} tidak bisa dikonfirmasi: jumlah yang tersedia sudah berubah. Tunggu usulan baru.',
    en: 'Proposal {code} cannot be confirmed: the quantity available has changed. Wait for a new proposal.',
  },
  reply_terms_changed: {
    variables: ['code'],
    id: 'Usulan {code} tidak bisa dikonfirmasi: penawaran atau permintaan sudah berubah. Tunggu usulan baru.',
    en: 'Proposal {code} cannot be confirmed: the listing or request has changed. Wait for a new proposal.',
  },
  reply_email_unverified: {
    variables: [],
    id: 'Verifikasi email Anda di Jembatan dulu sebelum menjawab usulan.',
    en: 'Verify your email on Jembatan before answering proposals.',
  },
  reply_status: {
    variables: ['count', 'list'],
    id: '{count} usulan terbuka: {list}',
    en: '{count} open proposals: {list}',
  },
  reply_status_empty: {
    variables: [],
    id: 'Tidak ada usulan terbuka.',
    en: 'No open proposals.',
  },
  reply_help: {
    variables: [],
    id: 'Perintah: TERIMA <kode>, TOLAK <kode> [alasan: HARGA/JUMLAH/WAKTU/MUTU/MITRA], STATUS, JUAL <komoditas> <jumlah> <harga> [mutu <mutu>] [panen <tanggal>], BERHENTI.',
    en: 'Commands: TERIMA <code>, TOLAK <code> [reason: HARGA/JUMLAH/WAKTU/MUTU/MITRA], STATUS, JUAL <commodity> <quantity> <price> [mutu <grade>] [panen <date>], BERHENTI.',
  },
  reply_stopped: {
    variables: ['channel'],
    id: 'Anda tidak akan menerima pesan Jembatan lewat {channel} lagi. Balas MULAI untuk berlangganan kembali.',
    en: 'You will no longer receive Jembatan messages by {channel}. Reply MULAI to subscribe again.',
  },
  reply_started: {
    variables: ['channel'],
    id: 'Anda kembali menerima pesan Jembatan lewat {channel}. Balas BERHENTI untuk berhenti.',
    en: 'You will receive Jembatan messages by {channel} again. Reply BERHENTI to stop.',
  },
  sell_confirm: {
    variables: ['quantity', 'commodity', 'grade', 'price', 'harvest', 'until', 'code'],
    id: 'Jual {quantity} {commodity}{grade}, {price}/kg, panen {harvest}, tersedia s/d {until}. Balas YA {code} untuk memasang penawaran ini.',
    en: 'Sell {quantity} {commodity}{grade}, {price}/kg, harvest {harvest}, available until {until}. Reply YA {code} to post this listing.',
  },
  sell_question: {
    variables: ['question'],
    id: '{question}',
    en: '{question}',
  },
  sell_posted: {
    variables: ['quantity', 'commodity', 'price'],
    id: 'Penawaran dipasang: {quantity} {commodity}, {price}/kg. Kami kabari bila ada usulan.',
    en: 'Listing posted: {quantity} {commodity}, {price}/kg. We will tell you when there is a proposal.',
  },
  sell_not_found: {
    variables: ['code'],
    id: 'Kode {code} tidak ditemukan atau sudah kedaluwarsa. Kirim JUAL lagi.',
    en: 'Code {code} was not found or has expired. Send JUAL again.',
  },
  sell_refused: {
    variables: ['reason'],
    id: 'Penawaran tidak bisa dipasang: {reason}',
    en: 'The listing could not be posted: {reason}',
  },
} as const satisfies Record<string, MessageTemplate>;

export type MessageKind = keyof typeof MESSAGE_TEMPLATES;
export type MessageVariables = Record<string, string>;

/** A message ready for any channel: the text, and the WhatsApp template form when it has one. */
export interface RenderedMessage {
  kind: MessageKind;
  language: Language;
  text: string;
  template: { name: string; params: string[]; quickReplies: string[] } | null;
  /** Reply buttons for a free-form WhatsApp message inside the window. */
  buttons: { id: string; title: string }[];
}

function fill(pattern: string, variables: MessageVariables): string {
  return pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new Error(`message variable ${name} is missing`);
    return value;
  });
}

/** Variables in order of first appearance: the numbering of the approved WhatsApp template. */
export function templateVariables(pattern: string): string[] {
  const seen: string[] = [];
  for (const [, name] of pattern.matchAll(/\{(\w+)\}/g)) if (!seen.includes(name)) seen.push(name);
  return seen;
}

/** The template body as it is submitted to Meta: `{name}` -> `{{n}}`. */
export function whatsappTemplateBody(pattern: string): string {
  const order = templateVariables(pattern);
  return pattern.replace(/\{(\w+)\}/g, (_, name: string) => `{{${order.indexOf(name) + 1}}}`);
}

export function render(
  kind: MessageKind,
  language: Language,
  variables: MessageVariables,
): RenderedMessage {
  const template: MessageTemplate = MESSAGE_TEMPLATES[kind];
  const text = fill(template[language], variables);
  const wa = template.whatsapp;
  const quick = wa?.quickReplies ?? [];
  return {
    kind,
    language,
    text,
    template: wa
      ? {
          name: wa.name,
          params: templateVariables(wa[language]).map((name) => fill(`{${name}}`, variables)),
          quickReplies: quick.map((q) => fill(q.command, variables)),
        }
      : null,
    buttons: quick.map((q) => ({ id: fill(q.command, variables), title: q[language] })),
  };
}

const REASON_WORDS: Record<Language, Record<DeclineReason, string>> = {
  id: {
    price: 'harga',
    quantity: 'jumlah',
    timing: 'waktu',
    quality: 'mutu',
    partner: 'mitra',
    other: 'lainnya',
  },
  en: {
    price: 'price',
    quantity: 'quantity',
    timing: 'timing',
    quality: 'quality',
    partner: 'partner',
    other: 'other',
  },
};

export const reasonWord = (reason: DeclineReason, language: Language): string =>
  REASON_WORDS[language][reason] ?? reason;

const STATE_WORDS: Record<Language, Record<string, string>> = {
  id: {
    confirmed: 'dikonfirmasi',
    declined: 'ditolak',
    expired: 'kedaluwarsa',
    superseded: 'digantikan usulan baru',
  },
  en: {
    confirmed: 'confirmed',
    declined: 'declined',
    expired: 'expired',
    superseded: 'superseded by a new proposal',
  },
};

export const stateWord = (status: string, language: Language): string =>
  STATE_WORDS[language][status] ?? status;
