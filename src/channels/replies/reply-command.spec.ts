import { parseReply } from './reply-command';

describe('parseReply', () => {
  it.each([
    ['TERIMA 4821', { kind: 'accept', code: '4821' }],
    ['terima 4821', { kind: 'accept', code: '4821' }],
    ['  Terima   #4821 ', { kind: 'accept', code: '4821' }],
    ['ACCEPT 0042', { kind: 'accept', code: '0042' }],
    ['TOLAK 4821 HARGA', { kind: 'decline', code: '4821', reason: 'price', note: undefined }],
    [
      'tolak 4821 harga terlalu rendah',
      { kind: 'decline', code: '4821', reason: 'price', note: 'terlalu rendah' },
    ],
    ['TOLAK 4821 jadwal', { kind: 'decline', code: '4821', reason: 'timing', note: undefined }],
    [
      'TOLAK 4821 barang sudah laku',
      { kind: 'decline', code: '4821', reason: 'other', note: 'barang sudah laku' },
    ],
    ['TOLAK 4821', { kind: 'decline', code: '4821', reason: 'other', note: undefined }],
    ['STATUS', { kind: 'status' }],
    ['berhenti', { kind: 'stop' }],
    ['STOP', { kind: 'stop' }],
    ['Mulai', { kind: 'start' }],
    ['JUAL cabai keriting 2 ton 32000', { kind: 'sell', text: 'cabai keriting 2 ton 32000' }],
    ['YA 7713', { kind: 'confirm-sell', code: '7713' }],
  ])('reads %p', (text, expected) => {
    expect(parseReply(text)).toEqual(expected);
  });

  it.each(['TERIMA', 'TERIMA 48', 'TERIMA abcd', 'halo', '', 'STOP dulu ya', 'YA'])(
    'does not guess a command from %p',
    (text) => {
      expect(parseReply(text)).toEqual({ kind: 'unknown' });
    },
  );
});
