import { Group, NumberInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KG_PER_UNIT, type QuantityUnit } from '../format';

/**
 * A quantity typed in kg, kuintal or ton at the user's choice; the form keeps kg (what the API
 * stores), so switching the unit converts the figure shown, not the quantity.
 */
export function QuantityInput({
  label,
  kg,
  onChange,
  unit,
  onUnitChange,
  error,
  required,
}: {
  label: string;
  kg: number | '';
  onChange: (kg: number | '') => void;
  unit: QuantityUnit;
  onUnitChange: (unit: QuantityUnit) => void;
  error?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const shown = kg === '' ? '' : kg / KG_PER_UNIT[unit];
  return (
    <Group align="flex-start" gap="xs" wrap="nowrap">
      <NumberInput
        style={{ flex: 1 }}
        label={label}
        value={shown}
        min={0}
        decimalScale={3}
        required={required}
        error={error}
        onChange={(value) =>
          onChange(value === '' ? '' : Math.round(Number(value) * KG_PER_UNIT[unit]))
        }
      />
      <Select
        w={120}
        label={t('unit.label')}
        value={unit}
        allowDeselect={false}
        onChange={(value) => value && onUnitChange(value as QuantityUnit)}
        data={(['kg', 'kuintal', 'ton'] as const).map((u) => ({ value: u, label: t(`unit.${u}`) }))}
      />
    </Group>
  );
}
