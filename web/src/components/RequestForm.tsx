import { Button, Checkbox, NumberInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { fieldErrors } from '../api/errors';
import { addDays, dayInZone, todayInZone, zoneOfRegion, type QuantityUnit } from '../format';
import { DayInput } from './DayInput';
import { CommodityAndGradeFields, FormAlert, RupiahInput, useCommodityAndGrade } from './FormParts';
import type { FormProps } from './MarketPage';
import { QuantityInput } from './QuantityInput';
import { RegionSelect } from './RegionSelect';

export type NewRequest = Schemas['CreateDemandRequestDto'];

/** A procurement officer's request: what, how much, the most per kg, where and by when. */
export function RequestForm({
  destinationRegionCode,
  onSubmit,
  submitting,
  error,
}: FormProps<NewRequest> & { destinationRegionCode: string }) {
  const { t } = useTranslation();
  const commodity = useCommodityAndGrade('lowest');
  const [quantity, setQuantity] = useState<number | ''>('');
  const [unit, setUnit] = useState<QuantityUnit>('kg');
  const [maxPrice, setMaxPrice] = useState<number | ''>('');
  const [destination, setDestination] = useState<string | null>(destinationRegionCode);
  const [deliverBy, setDeliverBy] = useState<string | null>(
    addDays(todayInZone(zoneOfRegion(destinationRegionCode)), 10),
  );
  const [shelfLife, setShelfLife] = useState<number | ''>('');
  // A buyer with a cold store counts the shelf life left in chilled days (the API's coldStorage).
  const [coldStorage, setColdStorage] = useState(false);
  const errors = fieldErrors(error, t);
  const zone = zoneOfRegion(destination);
  const submit = () =>
    onSubmit({
      commodityCode: commodity.commodityCode ?? '',
      ...(commodity.grade ? { minGrade: commodity.grade } : {}),
      quantity: quantity === '' ? 0 : quantity,
      maxPricePerUnit: maxPrice === '' ? 0 : maxPrice,
      destinationRegionCode: destination ?? '',
      deliverBy: deliverBy ? dayInZone(deliverBy, zone, 'end') : '',
      ...(shelfLife !== '' ? { minShelfLifeDaysOnArrival: shelfLife } : {}),
      ...(coldStorage ? { coldStorage: true } : {}),
    });
  return (
    <Stack component="form" onSubmit={(e) => (e.preventDefault(), submit())} aria-label={t('requests.new')}>
      <FormAlert error={error} fieldErrors={errors} />
      <CommodityAndGradeFields state={commodity} gradeLabel={t('field.minGrade')} errors={errors} gradeField="minGrade" />
      <QuantityInput label={t('field.quantity')} kg={quantity} onChange={setQuantity} unit={unit} onUnitChange={setUnit} error={errors.quantity} required />
      <RupiahInput label={t('field.maxPricePerKg')} value={maxPrice} onChange={setMaxPrice} error={errors.maxPricePerUnit} />
      <RegionSelect label={t('field.destination')} value={destination} onChange={setDestination} error={errors.destinationRegionCode} />
      <DayInput label={t('field.deliverBy')} zone={zone} required value={deliverBy} error={errors.deliverBy} onChange={setDeliverBy} />
      <NumberInput label={t('field.minShelfLife')} min={0} value={shelfLife} error={errors.minShelfLifeDaysOnArrival} onChange={(v) => setShelfLife(v === '' ? '' : Number(v))} />
      <Checkbox label={t('field.coldStorage')} checked={coldStorage} error={errors.coldStorage} onChange={(e) => setColdStorage(e.currentTarget.checked)} />
      <Button type="submit" loading={submitting}>
        {t('requests.submit')}
      </Button>
    </Stack>
  );
}
