import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { renderWithProviders } from '../test-utils';
import { ProposalCard, type Match } from './ProposalCard';

const match = {
  id: 'm-1',
  commodityCode: 'cabai_merah_keriting',
  quantity: 2000,
  shrinkRate: 0.08,
  landedCostBreakdown: { pricePerUnit: 30000, shrinkPerUnit: 2609, transportPerUnit: 4407, feesPerUnit: 500 },
  landedCostPerUnit: 37516,
  totalLandedCost: '75032000',
  route: [
    {
      kind: 'road',
      from: '35.07',
      to: 'port-tanjung-perak',
      fromName: 'Kabupaten Malang',
      toName: 'Pelabuhan Tanjung Perak',
      hours: 3,
      costPerUnit: 300,
    },
    {
      kind: 'sea',
      from: 'port-tanjung-perak',
      to: 'port-batu-ampar',
      fromName: 'Pelabuhan Tanjung Perak',
      toName: 'Pelabuhan Batu Ampar',
      hours: 60,
      costPerUnit: 4107,
    },
  ],
  distanceKm: 1380,
  // 17:30 UTC is 00:30 WIB the next day: the card must show the day and time in the zone.
  departureDate: '2026-03-01T17:30:00.000Z',
  arrivalDate: '2026-03-04T17:30:00.000Z',
  expiresAt: '2026-03-01T10:00:00.000Z',
  shelfLifeDaysOnArrival: 9,
  gainPerUnit: 2484,
  status: 'proposed',
  role: 'buyer',
  supplierDecision: 'pending',
  buyerDecision: 'pending',
  counterparty: { organizationId: 'o-1', name: 'Koperasi Tani Makmur', type: 'cooperative', regionCode: '35.07', verificationStatus: 'verified' },
} as unknown as Match;

describe('ProposalCard (the explanation of a proposal)', () => {
  beforeEach(() => i18n.changeLanguage('id'));

  it('explains the landed cost, route, arrival, shelf life and the gain in rupiah', () => {
    renderWithProviders(
      <ProposalCard match={match} commodityName="Cabai merah keriting" onAccept={vi.fn()} onDecline={vi.fn()} busy={false} />,
    );
    expect(screen.getByText('Biaya sampai tujuan: Rp 37.516 per kg')).toBeInTheDocument();
    expect(screen.getByText('Harga di asal Rp 30.000')).toBeInTheDocument();
    expect(screen.getByText('Susut di perjalanan (8%) Rp 2.609')).toBeInTheDocument();
    expect(screen.getByText('Ongkos angkut Rp 4.407')).toBeInTheDocument();
    expect(screen.getByText('Rute (1.380 km):')).toBeInTheDocument();
    // Ports by their real names, from the API, not built from codes.
    expect(
      screen.getByText('Kapal Pelabuhan Tanjung Perak → Pelabuhan Batu Ampar, ±60 jam'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Berangkat 2 Mar 2026, 00.30 WIB, tiba 5 Mar 2026, 00.30 WIB'),
    ).toBeInTheDocument();
    expect(screen.getByText('Jawab sebelum 1 Mar 2026, 17.00 WIB')).toBeInTheDocument();
    expect(screen.getByText('Sisa umur simpan saat tiba: 9 hari')).toBeInTheDocument();
    expect(screen.getByText('Lebih murah Rp 2.484 per kg dari harga tertinggi Anda')).toBeInTheDocument();
    expect(screen.getByText('Pemasok: Koperasi Tani Makmur')).toBeInTheDocument();
  });

  it("tells the supplier what it is paid for what it ships, not the buyer's landed total", () => {
    const offered = { ...match, role: 'supplier', pricePerUnit: 30000 } as unknown as Match;
    renderWithProviders(
      <ProposalCard match={offered} commodityName="Cabai merah keriting" onAccept={vi.fn()} onDecline={vi.fn()} busy={false} />,
    );
    expect(screen.getByText('Anda terima Rp 60.000.000 (2.000 kg dikirim × Rp 30.000 per kg)')).toBeInTheDocument();
    expect(screen.queryByText(/Total sampai tujuan/)).not.toBeInTheDocument();
  });

  it("leads the supplier's card with what it receives, and names the landed cost as the buyer's", () => {
    const offered = { ...match, role: 'supplier', pricePerUnit: 30000 } as unknown as Match;
    renderWithProviders(
      <ProposalCard match={offered} commodityName="Cabai merah keriting" onAccept={vi.fn()} onDecline={vi.fn()} busy={false} />,
    );
    const receive = screen.getByText('Anda terima Rp 60.000.000 (2.000 kg dikirim × Rp 30.000 per kg)');
    const landed = screen.getByText('Biaya sampai tujuan bagi pembeli: Rp 37.516 per kg');
    // A cooperative member reads the first bold line as the price of the deal.
    expect(receive.compareDocumentPosition(landed) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows the chilled days for a cold store and a broken cold chain with the days it cost', () => {
    renderWithProviders(
      <ProposalCard
        match={{ ...match, shelfLifeDaysOnArrival: 1.6, chilledShelfLifeDaysOnArrival: 7.47, coldChain: 'broken', coldChainBreakShelfDays: 0.13 }}
        commodityName="Cabai merah keriting"
        onAccept={vi.fn()}
        onDecline={vi.fn()}
        busy={false}
      />,
    );
    expect(screen.getByText('Sisa umur simpan saat tiba: 1,6 hari')).toBeInTheDocument();
    expect(screen.getByText('Di ruang pendingin: 7,5 hari')).toBeInTheDocument();
    expect(
      screen.getByText('Rantai dingin terputus di perjalanan: umur simpan berkurang 0,1 hari'),
    ).toBeInTheDocument();
  });

  it('writes rupiah the English way after the switch', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(
      <ProposalCard match={match} commodityName="Curly red chili" onAccept={vi.fn()} onDecline={vi.fn()} busy={false} />,
    );
    expect(screen.getByText('Landed cost: Rp 37,516 per kg')).toBeInTheDocument();
  });

  it('accepts, and declines only with a reason', async () => {
    const onAccept = vi.fn();
    const onDecline = vi.fn();
    renderWithProviders(
      <ProposalCard match={match} commodityName="Cabai" onAccept={onAccept} onDecline={onDecline} busy={false} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Terima' }));
    expect(onAccept).toHaveBeenCalledTimes(1);

    await userEvent.click(screen.getByRole('button', { name: 'Tolak' }));
    const confirm = screen.getByRole('button', { name: 'Tolak usulan' });
    expect(confirm).toBeDisabled();
    await userEvent.click(screen.getByLabelText(/Alasan menolak/, { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Harga' }));
    await userEvent.type(screen.getByRole('textbox', { name: /Keterangan/ }), 'terlalu mahal');
    await userEvent.click(screen.getByRole('button', { name: 'Tolak usulan' }));
    expect(onDecline).toHaveBeenCalledWith('price', 'terlalu mahal');
  });
});
