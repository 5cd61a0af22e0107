import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { renderWithProviders } from '../test-utils';
import { RequestForm } from './RequestForm';

describe('RequestForm', () => {
  beforeEach(() => i18n.changeLanguage('id'));

  it('asks for the lowest grade by default, so that a graded commodity is not refused', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(
      <RequestForm destinationRegionCode="21.71" onSubmit={onSubmit} submitting={false} error={null} />,
    );
    await userEvent.type(screen.getByLabelText(/^Komoditas/, { selector: 'input' }), 'cabai');
    await userEvent.click(await screen.findByRole('option', { name: 'Cabai merah keriting' }));
    expect(screen.getByLabelText(/^Mutu paling rendah/, { selector: 'input' })).toHaveValue('II');
    fireEvent.submit(screen.getByRole('form', { name: 'Buat permintaan' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ commodityCode: 'cabai_merah_keriting', minGrade: 'II' }),
    );
  });

  it('finds a commodity by its Indonesian name when the console speaks English', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(
      <RequestForm destinationRegionCode="21.71" onSubmit={vi.fn()} submitting={false} error={null} />,
    );
    await userEvent.type(screen.getByLabelText(/^Commodity/, { selector: 'input' }), 'cabai merah k');
    expect(await screen.findByRole('option', { name: 'Curly red chili' })).toBeInTheDocument();
  });

  it('declares cold storage only when the buyer ticks it', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(
      <RequestForm destinationRegionCode="21.71" onSubmit={onSubmit} submitting={false} error={null} />,
    );
    fireEvent.submit(screen.getByRole('form', { name: 'Buat permintaan' }));
    expect(onSubmit.mock.calls[0]![0]).not.toHaveProperty('coldStorage');
    await userEvent.click(screen.getByRole('checkbox', { name: /ruang pendingin/ }));
    fireEvent.submit(screen.getByRole('form', { name: 'Buat permintaan' }));
    expect(onSubmit.mock.calls[1]![0]).toMatchObject({ coldStorage: true });
  });

  it('sends the day asked for as the end of that day in the destination zone (WIB for Batam)', () => {
    const onSubmit = vi.fn();
    renderWithProviders(
      <RequestForm destinationRegionCode="21.71" onSubmit={onSubmit} submitting={false} error={null} />,
    );
    fireEvent.submit(screen.getByRole('form', { name: 'Buat permintaan' }));
    expect(onSubmit.mock.calls[0]![0].deliverBy).toMatch(/^\d{4}-\d{2}-\d{2}T23:59:00\+07:00$/);
  });
});
