import { DatePickerInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import type { Zone } from '../format';

/**
 * A calendar day (YYYY-MM-DD) picked from a calendar written in the user's language (30 Nov
 * 2026, weeks from Monday), not the browser's native date field, which follows the browser's
 * own locale (11/30/2026 on an en-US phone). The day is a day in `zone` (the region the date is
 * about), which the field says: the form sends its start or end in that zone.
 */
export function DayInput({
  label,
  value,
  onChange,
  zone,
  error,
  required,
  minDate,
}: {
  label: string;
  value: string | null;
  onChange: (day: string | null) => void;
  zone: Zone;
  error?: string;
  required?: boolean;
  minDate?: string;
}) {
  const { t } = useTranslation();
  return (
    <DatePickerInput
      label={label}
      description={t('field.dayInZone', { zone: zone.abbreviation })}
      value={value}
      onChange={onChange}
      valueFormat="D MMMM YYYY"
      size="md"
      required={required}
      clearable={!required}
      clearButtonProps={{ 'aria-label': t('field.clearDate') }}
      error={error}
      minDate={minDate}
      // A full-screen calendar is easier to tap on a phone than a popover under the field.
      dropdownType="modal"
      modalProps={{ title: label }}
      nextLabel={t('field.nextMonth')}
      previousLabel={t('field.previousMonth')}
      ariaLabels={{
        nextMonth: t('field.nextMonth'),
        previousMonth: t('field.previousMonth'),
        nextYear: t('field.nextYear'),
        previousYear: t('field.previousYear'),
        nextDecade: t('field.nextDecade'),
        previousDecade: t('field.previousDecade'),
        monthLevelControl: t('field.chooseMonth'),
        yearLevelControl: t('field.chooseYear'),
      }}
    />
  );
}
