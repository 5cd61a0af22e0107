import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import i18n from '../i18n';
import { renderWithProviders } from '../test-utils';
import { WatchlistForm } from './WatchlistForm';

/** Regions the search answers for "malang", as the API would. */
const MALANG: [unknown[], unknown] = [
  ['regions', 'malang'],
  {
    items: [
      { code: '35.07', name: 'Kabupaten Malang', type: 'regency', provinceCode: '35' },
      { code: '35.73', name: 'Kota Malang', type: 'city', provinceCode: '35' },
    ],
    nextCursor: null,
  },
];

// jsdom lays nothing out: Mantine's combobox scrolls the chosen option into view after a delay.
Element.prototype.scrollIntoView ??= () => {};

describe('WatchlistForm', () => {
  beforeEach(() => i18n.changeLanguage('id'));

  it('watches chili from Kabupaten Malang, found by typing, and sends the smallest lot in kg', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<WatchlistForm onSubmit={onSubmit} submitting={false} error={null} />, [MALANG]);
    await userEvent.type(screen.getByLabelText(/^Komoditas/, { selector: 'input' }), 'cabai merah');
    await userEvent.click(await screen.findByRole('option', { name: 'Cabai merah keriting' }));
    await userEvent.type(screen.getByLabelText(/^Dari daerah/, { selector: 'input' }), 'malang');
    await userEvent.click(await screen.findByRole('option', { name: 'Kabupaten Malang' }));
    // 5 kuintal is 500 kg: the API stores kg.
    await userEvent.click(screen.getByLabelText('Satuan', { selector: 'input' }));
    await userEvent.click(await screen.findByRole('option', { name: 'kuintal' }));
    await userEvent.type(screen.getByLabelText(/^Jumlah minimum/), '5');
    fireEvent.submit(screen.getByRole('form', { name: 'Buat pantauan' }));
    // Destination left empty means anywhere: left out, not sent empty.
    expect(onSubmit).toHaveBeenCalledWith({
      commodityCode: 'cabai_merah_keriting',
      originCode: '35.07',
      minQuantity: 500,
    });
  });

  it('asks for a commodity by the field, and sends nothing, when none is chosen', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<WatchlistForm onSubmit={onSubmit} submitting={false} error={null} />);
    fireEvent.submit(screen.getByRole('form', { name: 'Buat pantauan' }));
    expect(await screen.findByText('Pilih komoditas yang dipantau.')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows the API's refusal next to the field it names, in English when the console speaks it", async () => {
    await i18n.changeLanguage('en');
    const error = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      message: 'Request validation failed',
      details: [{ field: 'originCode', message: 'unknown region 99.99' }],
    } as never);
    renderWithProviders(<WatchlistForm onSubmit={vi.fn()} submitting={false} error={error} />);
    const origin = screen.getByLabelText(/^From region/, { selector: 'input' });
    expect(origin).toHaveAccessibleDescription('unknown region 99.99');
    expect(screen.getByRole('button', { name: 'Save watchlist' })).toBeInTheDocument();
  });
});
