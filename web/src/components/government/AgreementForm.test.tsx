import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import i18n from '../../i18n';
import { renderWithProviders } from '../../test-utils';
import { AgreementForm } from './AgreementForm';

const MALANG = { code: '35.07', name: 'Kabupaten Malang', type: 'regency', provinceCode: '35' };
const MALANG_GOV = {
  id: '5b2f4a8e-8f1c-4c39-9a53-0d6f1f0c2a11',
  name: 'DKP Kabupaten Malang',
  regionCode: '35.07',
};

/** What RegionSelect and the counterpart field would have fetched for "malang". */
const cached: [unknown[], unknown][] = [
  [['regions', 'malang'], { items: [MALANG], nextCursor: null }],
  [['region', '35.07'], MALANG],
  [['governments', '35.07'], [MALANG_GOV]],
];

const field = (label: RegExp) => screen.getByLabelText(label, { selector: 'input' });

async function fillValidAgreement() {
  await userEvent.type(field(/^Wilayah mitra/), 'malang');
  await userEvent.click(await screen.findByRole('option', { name: 'Kabupaten Malang' }));
  await userEvent.type(field(/^Komoditas/), 'cabai');
  await userEvent.click(await screen.findByRole('option', { name: 'Cabai merah keriting' }));
  await userEvent.type(field(/^Volume per minggu: Cabai merah keriting/), '20');
  await userEvent.type(field(/^Penalti kekurangan per kg/), '10000');
}

describe('AgreementForm', () => {
  beforeEach(() => i18n.changeLanguage('id'));

  it('sends both regions, the partner government, the volume in kg and the days in WIB', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(
      <AgreementForm myRegionCode="21.71" onSubmit={onSubmit} submitting={false} error={null} />,
      cached,
    );
    await fillValidAgreement();
    // The only verified government of the partner region is chosen for the officer.
    expect(field(/^Pemerintah daerah mitra/)).toHaveValue('DKP Kabupaten Malang');
    fireEvent.submit(screen.getByRole('form', { name: 'Usulan kerja sama antardaerah' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const body = onSubmit.mock.calls[0]![0];
    expect(body).toMatchObject({
      regionCodes: ['21.71', '35.07'],
      commodityCodes: ['cabai_merah_keriting'],
      counterpartOrganizationId: MALANG_GOV.id,
      // 20 ton a week, stored in kg.
      commitments: [{ commodityCode: 'cabai_merah_keriting', quantityPerPeriod: 20000 }],
      shortfallPenaltyPerUnit: 10000,
      priorityBonusPerUnit: 0,
      noticeDays: 30,
    });
    expect(body.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+07:00$/);
    expect(body.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}T23:59:00\+07:00$/);
    expect(body).not.toHaveProperty('priceFloorPerUnit');
  });

  it("shows the API's field errors next to the fields it names, in Bahasa Indonesia", async () => {
    const error = new ApiError(400, {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid input: regionCodes, commitments.0.quantityPerPeriod, priceCeilingPerUnit',
      details: [
        { field: 'regionCodes', message: 'the two regions must not contain each other' },
        {
          field: 'commitments.0.quantityPerPeriod',
          message: 'quantityPerPeriod must not be less than 1',
        },
        {
          field: 'priceCeilingPerUnit',
          message: 'priceCeilingPerUnit must not be below priceFloorPerUnit',
        },
      ],
    } as never);
    // The page passes the API's refusal of the submitted form back in.
    function Page() {
      const [refusal, setRefusal] = useState<unknown>(null);
      return (
        <AgreementForm
          myRegionCode="21.71"
          onSubmit={() => setRefusal(error)}
          submitting={false}
          error={refusal}
        />
      );
    }
    renderWithProviders(<Page />, cached);
    await fillValidAgreement();
    fireEvent.submit(screen.getByRole('form', { name: 'Usulan kerja sama antardaerah' }));
    expect(field(/^Harga tertinggi per kg/)).toHaveAccessibleDescription(
      /Harga tertinggi tidak boleh di bawah harga terendah/,
    );
    expect(field(/^Wilayah mitra/)).toHaveAccessibleDescription(
      /mencakup atau berada di dalam wilayah Anda/,
    );
    expect(field(/^Volume per minggu: Cabai merah keriting/)).toHaveAccessibleDescription(
      /bilangan bulat lebih dari 0/,
    );
    // Each error sits by its field, not in a banner over the form.
    expect(field(/^Penalti kekurangan per kg/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses what the API would refuse before sending, and says so by each field', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(
      <AgreementForm myRegionCode="21.71" onSubmit={onSubmit} submitting={false} error={null} />,
      cached,
    );
    fireEvent.submit(screen.getByRole('form', { name: 'Usulan kerja sama antardaerah' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(field(/^Wilayah mitra/)).toHaveAccessibleDescription('Pilih wilayah mitra.');
    expect(field(/^Penalti kekurangan per kg/)).toHaveAccessibleDescription(
      /Isi penalti kekurangan/,
    );
    const form = screen.getByRole('form', { name: 'Usulan kerja sama antardaerah' });
    expect(within(form).getByText('Pilih minimal satu komoditas.')).toBeInTheDocument();

    await fillValidAgreement();
    await userEvent.type(field(/^Harga terendah per kg/), '40000');
    await userEvent.type(field(/^Harga tertinggi per kg/), '30000');
    fireEvent.submit(form);
    expect(onSubmit).not.toHaveBeenCalled();
    expect(field(/^Harga tertinggi per kg/)).toHaveAccessibleDescription(
      'Harga tertinggi tidak boleh di bawah harga terendah.',
    );
    await userEvent.clear(field(/^Harga tertinggi per kg/));
    await userEvent.type(field(/^Harga tertinggi per kg/), '45000');
    fireEvent.submit(form);
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ priceFloorPerUnit: 40000, priceCeilingPerUnit: 45000 }),
    );
  });
});
