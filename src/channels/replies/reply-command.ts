import type { DeclineReason } from '../../matching/exclusions/exclusion.entity';

/** What a reply asks for, read from its words (pure: unit-tested on real-looking messages). */
export type ReplyCommand =
  | { kind: 'accept'; code: string }
  | { kind: 'decline'; code: string; reason: DeclineReason; note: string | undefined }
  | { kind: 'status' }
  | { kind: 'stop' }
  | { kind: 'start' }
  | { kind: 'sell'; text: string }
  | { kind: 'confirm-sell'; code: string }
  | { kind: 'unknown' };

const REASONS: Record<string, DeclineReason> = {
  HARGA: 'price',
  PRICE: 'price',
  JUMLAH: 'quantity',
  QUANTITY: 'quantity',
  WAKTU: 'timing',
  JADWAL: 'timing',
  TIMING: 'timing',
  MUTU: 'quality',
  KUALITAS: 'quality',
  QUALITY: 'quality',
  MITRA: 'partner',
  PARTNER: 'partner',
  LAIN: 'other',
  LAINNYA: 'other',
  OTHER: 'other',
};

const CODE = /^#?(\d{4})$/;

export function parseReply(raw: string): ReplyCommand {
  const text = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const words = text.split(' ');
  const verb = (words[0] ?? '').toUpperCase().replace(/[.!,:]+$/, '');
  const code = CODE.exec(words[1] ?? '')?.[1];
  switch (verb) {
    case 'TERIMA':
    case 'ACCEPT':
      return code ? { kind: 'accept', code } : { kind: 'unknown' };
    case 'TOLAK':
    case 'DECLINE': {
      if (!code) return { kind: 'unknown' };
      const rest = words.slice(2);
      const reason = REASONS[(rest[0] ?? '').toUpperCase().replace(/[.!,:]+$/, '')];
      if (reason) {
        const note = rest.slice(1).join(' ').trim();
        return { kind: 'decline', code, reason, note: note || undefined };
      }
      const note = rest.join(' ').trim();
      return { kind: 'decline', code, reason: 'other', note: note || undefined };
    }
    case 'STATUS':
    case 'CEK':
      return words.length === 1 ? { kind: 'status' } : { kind: 'unknown' };
    case 'BERHENTI':
    case 'STOP':
    case 'UNSUBSCRIBE':
      return words.length === 1 ? { kind: 'stop' } : { kind: 'unknown' };
    case 'MULAI':
    case 'START':
      return words.length === 1 ? { kind: 'start' } : { kind: 'unknown' };
    case 'JUAL':
      return { kind: 'sell', text: words.slice(1).join(' ') };
    case 'YA':
    case 'YES':
      return code && words.length === 2 ? { kind: 'confirm-sell', code } : { kind: 'unknown' };
    default:
      return { kind: 'unknown' };
  }
}
