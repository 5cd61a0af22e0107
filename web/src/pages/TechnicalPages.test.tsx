import { fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import i18n from '../i18n';
import { renderWithProviders } from '../test-utils';
import { NotificationSettingsPage } from './NotificationSettingsPage';
import { WebhookForm } from './WebhooksPage';

describe('pages for technical users', () => {
  beforeEach(() => i18n.changeLanguage('id'));

  it('registers a webhook with its address and the events picked', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<WebhookForm onSubmit={onSubmit} submitting={false} error={null} />);
    fireEvent.change(screen.getByRole('textbox', { name: /Alamat/ }), {
      target: { value: ' https://erp.dkp-batam.go.id/hook ' },
    });
    fireEvent.submit(screen.getByRole('form', { name: 'Tambah webhook' }));
    expect(onSubmit).toHaveBeenCalledWith({
      url: 'https://erp.dkp-batam.go.id/hook',
      eventTypes: ['match.proposed', 'match.confirmed'],
    });
  });

  it("shows the API's refusal of the address next to the address", () => {
    const error = new ApiError(400, {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid input: url',
      details: [{ field: 'url', message: 'url must be an https URL' }],
      correlationId: 'c-2',
    });
    renderWithProviders(<WebhookForm onSubmit={vi.fn()} submitting={false} error={error} />);
    expect(screen.getByRole('textbox', { name: /Alamat/ })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('url must be an https URL')).toBeInTheDocument();
  });

  it('shows the channel of each kind of notification in Bahasa Indonesia', () => {
    renderWithProviders(<NotificationSettingsPage />, [
      [
        ['channel-routes'],
        {
          routes: [
            { eventType: 'match.proposed', channel: 'whatsapp' },
            { eventType: 'match.confirmed', channel: 'none' },
          ],
        },
      ],
    ]);
    expect(screen.getByLabelText('Usulan baru', { selector: 'input' })).toHaveValue('WhatsApp');
    expect(screen.getByLabelText('Kedua pihak setuju: transaksi dibuat', { selector: 'input' })).toHaveValue(
      'Hanya kotak masuk',
    );
  });
});
