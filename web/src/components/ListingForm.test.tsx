import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import i18n from '../i18n';
import { renderWithProviders } from '../test-utils';
import { ListingForm } from './ListingForm';
import { QuantityInput } from './QuantityInput';

describe('ListingForm', () => {
  beforeEach(() => i18n.changeLanguage('id'));

  it('submits the quantity in kg, the price per kg and the cooperative region as origin', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(
      <ListingForm originRegionCode="35.07" onSubmit={onSubmit} submitting={false} error={null} />,
    );
    await userEvent.type(screen.getByRole('textbox', { name: /^Jumlah/ }), '2500');
    await userEvent.type(screen.getByRole('textbox', { name: /Harga per kg/ }), '37516');
    fireEvent.submit(screen.getByRole('form', { name: 'Tawarkan pasokan' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ quantity: 2500, pricePerUnit: 37516, originRegionCode: '35.07' }),
    );
  });

  // The English console writes its totals Rp 32,000; a price typed beside them showed Rp 32.000.
  it('groups the price as the console language writes rupiah', async () => {
    for (const [language, label, shown] of [
      ['id', /Harga per kg/, 'Rp 32.000'],
      ['en', /Price per kg/, 'Rp 32,000'],
    ] as const) {
      await i18n.changeLanguage(language);
      const { unmount } = renderWithProviders(
        <ListingForm originRegionCode="35.07" onSubmit={vi.fn()} submitting={false} error={null} />,
      );
      const price = screen.getByRole('textbox', { name: label });
      await userEvent.type(price, '32000');
      expect(price).toHaveValue(shown);
      unmount();
    }
  });

  it("shows the API's error next to the field it names, and marks that field invalid", () => {
    const error = new ApiError(400, {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid input: quantity',
      details: [{ field: 'quantity', message: 'quantity must not be less than 1' }],
      correlationId: 'c-1',
    });
    renderWithProviders(
      <ListingForm originRegionCode="35.07" onSubmit={vi.fn()} submitting={false} error={error} />,
    );
    const quantity = screen.getByRole('textbox', { name: /^Jumlah/ });
    expect(quantity).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('quantity must not be less than 1')).toBeInTheDocument();
    // Only that field: the price field is not blamed.
    expect(screen.getByRole('textbox', { name: /Harga per kg/ })).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('speaks English after the switch', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(
      <ListingForm originRegionCode="35.07" onSubmit={vi.fn()} submitting={false} error={null} />,
    );
    expect(screen.getByRole('button', { name: 'Offer' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Price per kg/ })).toBeInTheDocument();
  });
});

describe('QuantityInput', () => {
  it('turns 2.5 ton into 2500 kg', async () => {
    const onChange = vi.fn();
    function Stateful() {
      const [kg, setKg] = useState<number | ''>('');
      return (
        <QuantityInput
          label="Jumlah"
          kg={kg}
          onChange={(value) => (setKg(value), onChange(value))}
          unit="ton"
          onUnitChange={vi.fn()}
        />
      );
    }
    renderWithProviders(<Stateful />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Jumlah' }), '2.5');
    expect(onChange).toHaveBeenLastCalledWith(2500);
  });

  it('shows stored kg in the chosen unit', () => {
    renderWithProviders(
      <QuantityInput label="Jumlah" kg={300} onChange={vi.fn()} unit="kuintal" onUnitChange={vi.fn()} />,
    );
    expect(screen.getByRole('textbox', { name: 'Jumlah' })).toHaveValue('3');
  });
});
