import { Alert, Button, NumberInput, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { fieldErrors, formError } from '../api/errors';
import { addDays, dayInZone, todayInZone, zoneOfRegion, type QuantityUnit } from '../format';
import { CommoditySelect, useCommodities } from './CommoditySelect';
import { DayInput } from './DayInput';
import { QuantityInput } from './QuantityInput';
import { RegionSelect } from './RegionSelect';

export type NewRequest = Schemas['CreateDemandRequestDto'];

/** A procurement officer's request: what, how much, the most per kg, where and by when. */
export function RequestForm({
  destinationRegionCode,
  onSubmit,
  submitting,
  error,
}: {
  destinationRegionCode: string;
  onSubmit: (request: NewRequest) => void;
  submitting: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const commodities = useCommodities();
  const [commodityCode, setCommodityCode] = useState<string | null>(null);
  const [minGrade, setMinGrade] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | ''>('');
  const [unit, setUnit] = useState<QuantityUnit>('kg');
  const [maxPrice, setMaxPrice] = useState<number | ''>('');
  const [destination, setDestination] = useState<string | null>(destinationRegionCode);
  const [deliverBy, setDeliverBy] = useState<string | null>(
    addDays(todayInZone(zoneOfRegion(destinationRegionCode)), 10),
  );
  const [shelfLife, setShelfLife] = useState<number | ''>('');
  const gradesOf = (code: string | null) =>
    commodities.data?.items.find((c) => c.code === code)?.grades ?? [];
  const grades = gradesOf(commodityCode);
  // The API needs a lowest grade for a graded commodity; the lowest of all (grades go from
  // best to worst) turns none away until the officer asks for better.
  const chooseCommodity = (code: string | null) => {
    setCommodityCode(code);
    setMinGrade(gradesOf(code).at(-1) ?? null);
  };
  const errors = fieldErrors(error, t);
  const zone = zoneOfRegion(destination);
  const submit = () =>
    onSubmit({
      commodityCode: commodityCode ?? '',
      ...(minGrade ? { minGrade } : {}),
      quantity: quantity === '' ? 0 : quantity,
      maxPricePerUnit: maxPrice === '' ? 0 : maxPrice,
      destinationRegionCode: destination ?? '',
      deliverBy: deliverBy ? dayInZone(deliverBy, zone, 'end') : '',
      ...(shelfLife !== '' ? { minShelfLifeDaysOnArrival: shelfLife } : {}),
    });
  return (
    <Stack component="form" onSubmit={(e) => (e.preventDefault(), submit())} aria-label={t('requests.new')}>
      {!!error && !Object.keys(errors).length && (
        <Alert color="red" role="alert">
          {formError(error, t)}
        </Alert>
      )}
      <CommoditySelect value={commodityCode} onChange={chooseCommodity} error={errors.commodityCode} />
      {grades.length > 0 && (
        <Select label={t('field.minGrade')} value={minGrade} onChange={setMinGrade} data={grades} required allowDeselect={false} error={errors.minGrade} />
      )}
      <QuantityInput label={t('field.quantity')} kg={quantity} onChange={setQuantity} unit={unit} onUnitChange={setUnit} error={errors.quantity} required />
      <NumberInput
        label={t('field.maxPricePerKg')}
        prefix="Rp "
        thousandSeparator="."
        decimalSeparator=","
        min={0}
        required
        value={maxPrice}
        error={errors.maxPricePerUnit}
        onChange={(v) => setMaxPrice(v === '' ? '' : Number(v))}
      />
      <RegionSelect label={t('field.destination')} value={destination} onChange={setDestination} error={errors.destinationRegionCode} />
      <DayInput label={t('field.deliverBy')} zone={zone} required value={deliverBy} error={errors.deliverBy} onChange={setDeliverBy} />
      <NumberInput label={t('field.minShelfLife')} min={0} value={shelfLife} error={errors.minShelfLifeDaysOnArrival} onChange={(v) => setShelfLife(v === '' ? '' : Number(v))} />
      <Button type="submit" loading={submitting}>
        {t('requests.submit')}
      </Button>
    </Stack>
  );
}
