import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';

/**
 * The API's field paths for an agreement, as the form's fields: one field holds both region
 * codes (`regionCodes.1` is the partner region the user picked) and all commodities
 * (`commodityCodes.0`), while each commitment has its own field (`commitments.0.quantityPerPeriod`).
 */
export function agreementFieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!(error instanceof ApiError) || !error.body?.details) return {};
  const errors: Record<string, string> = {};
  for (const detail of error.body.details) {
    const field = detail.field.replace(/^(regionCodes|commodityCodes)\.\d+$/, '$1');
    const last = field.split('.').pop() ?? field;
    // In the user's language where the catalog knows the field; else the API's message, which
    // names the field.
    errors[field] ??= t(`government.apiError.${last}`, { defaultValue: '' }) || detail.message;
  }
  return errors;
}
