import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { zoneOfRegion } from '../format';
import { renderWithProviders } from '../test-utils';
import { WhyNotReason, type CandidateReason } from './WhyNotReason';

const place = (code: string) => ({ '35.07': 'Kabupaten Malang', '21.71': 'Kota Batam' })[code] ?? code;
const commodity = (code: string) => (code === 'cabai_merah_keriting' ? 'Cabai merah keriting' : code);
const WIB = zoneOfRegion('21.71');

const price: CandidateReason = {
  code: 'above_maximum_price',
  params: { transport: 'air', landedCostPerUnit: 37516, maxPricePerUnit: 30000, maxAskingPricePerUnit: 24150 },
};
const late: CandidateReason = {
  code: 'arrives_too_late',
  params: {
    transport: 'sea-reefer',
    // 17:30 UTC is 00:30 WIB the next day: the day shown must be Batam's, not UTC's.
    arrivalDate: '2026-12-04T17:30:00.000Z',
    deliverBy: '2026-12-02T16:59:00.000Z',
    arrivalInDays: 4.5,
    deliverByInDays: 2,
  },
};

const show = (reason: CandidateReason) =>
  renderWithProviders(<WhyNotReason reason={reason} zone={WIB} place={place} commodity={commodity} />);

describe('WhyNotReason', () => {
  beforeEach(() => i18n.changeLanguage('id'));

  it('words a price refusal in Bahasa Indonesia with rupiah grouped by points', () => {
    show(price);
    expect(screen.getByTestId('reason')).toHaveTextContent(
      'Biaya sampai tujuan termurah Rp 37.516 per kg lewat pesawat; harga tertinggi Anda Rp 30.000.',
    );
    expect(
      screen.getByText(
        'Yang dibutuhkan: harga tertinggi paling sedikit Rp 37.516, atau harga penawaran paling tinggi Rp 24.150',
      ),
    ).toBeInTheDocument();
  });

  it('words the same refusal in English with rupiah grouped by commas', async () => {
    await i18n.changeLanguage('en');
    show(price);
    expect(screen.getByTestId('reason')).toHaveTextContent(
      'Cheapest landed cost Rp 37,516 per kg by air; your highest price is Rp 30,000.',
    );
  });

  it('offers only the highest price when no asking price helps', () => {
    show({ ...price, params: { ...price.params, maxAskingPricePerUnit: null } });
    expect(
      screen.getByText('Yang dibutuhkan: harga tertinggi paling sedikit Rp 37.516'),
    ).toBeInTheDocument();
  });

  it('gives times in the reader’s zone and days with the language’s decimal mark', async () => {
    show(late);
    const id = screen.getByTestId('reason').textContent ?? '';
    expect(id).toContain('Paling cepat tiba dalam 4,5 hari lewat kapal berpendingin');
    expect(id).toContain('5 Des 2026, 00.30 WIB');
    expect(id).not.toContain('UTC');
    await i18n.changeLanguage('en');
    show(late);
    const en = screen.getAllByTestId('reason')[1]!.textContent ?? '';
    expect(en).toContain('Earliest arrival in 4.5 days by refrigerated ship');
    expect(en).toContain('5 Dec 2026, 00:30 WIB');
  });

  it('names places and commodities, not codes', () => {
    show({ code: 'no_route', params: { originRegionCode: '35.07', destinationRegionCode: '21.71' } });
    expect(screen.getByTestId('reason')).toHaveTextContent(
      'Tidak ada rute darat, laut, atau udara dari Kabupaten Malang ke Kota Batam.',
    );
  });
});
