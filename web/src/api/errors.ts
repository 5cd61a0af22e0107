import type { TFunction } from 'i18next';
import { ApiError } from './client';

/**
 * Field errors from the API's error body, in the user's language: a known code has a message in
 * the catalogs; otherwise the API's own message (which names the field) is shown as it is.
 */
export function fieldErrors(error: unknown, t: TFunction): Record<string, string> {
  if (!(error instanceof ApiError) || !error.body?.details) return {};
  const errors: Record<string, string> = {};
  for (const detail of error.body.details) {
    const field = detail.field.split('.').pop() ?? detail.field;
    const key = `errors.field.${field}`;
    errors[field] = t(key, { defaultValue: '' }) || detail.message;
  }
  return errors;
}

/** A message for the whole form: the error code's translation, else the API's message. */
export function formError(error: unknown, t: TFunction): string | null {
  if (!error) return null;
  if (error instanceof ApiError) {
    if (error.status === 0 || !navigator.onLine) return t('state.offline');
    const code = error.body?.code;
    return (code && t(`errors.code.${code}`, { defaultValue: '' })) || error.message;
  }
  return navigator.onLine ? t('state.error') : t('state.offline');
}
