import { useLocalStorage } from '@mantine/hooks';
import type { QuantityUnit } from './format';

/**
 * The unit a user reads quantities in (kg, kuintal or ton), remembered on this device: a chili
 * trader thinks in kuintal, a food office in ton; the API always speaks kg.
 */
export function useQuantityUnit() {
  return useLocalStorage<QuantityUnit>({
    key: 'jembatan.unit',
    defaultValue: 'kg',
    getInitialValueInEffect: false,
  });
}
