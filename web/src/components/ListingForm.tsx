import { Button, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../api/errors';
import type { Schemas } from '../api/client';
import { addDays, dayInZone, todayInZone, zoneOfRegion, type QuantityUnit } from '../format';
import { DayInput } from './DayInput';
import { CommodityAndGradeFields, FormAlert, RupiahInput, useCommodityAndGrade } from './FormParts';
import type { FormProps } from './MarketPage';
import { QuantityInput } from './QuantityInput';
import { RegionSelect } from './RegionSelect';

export type NewListing = Schemas['CreateSupplyListingDto'];

/**
 * A cooperative's supply: commodity by its Indonesian name, grade, quantity in the unit of its
 * choice, price per kg, harvest date, availability window and minimum order. Errors come from
 * the API's error body and show next to the field they name.
 */
export function ListingForm({
  originRegionCode,
  onSubmit,
  submitting,
  error,
  commodityCode,
}: FormProps<NewListing> & { originRegionCode: string; commodityCode?: string }) {
  const { t } = useTranslation();
  // A trader acting on an opportunity arrives with the commodity already chosen.
  const commodity = useCommodityAndGrade('none', commodityCode);
  const [quantity, setQuantity] = useState<number | ''>('');
  const [minOrder, setMinOrder] = useState<number | ''>('');
  const [unit, setUnit] = useState<QuantityUnit>('kg');
  const [price, setPrice] = useState<number | ''>('');
  const [origin, setOrigin] = useState<string | null>(originRegionCode);
  const today = todayInZone(zoneOfRegion(originRegionCode));
  const [harvestedAt, setHarvestedAt] = useState<string | null>(today);
  const [availableFrom, setAvailableFrom] = useState<string | null>(today);
  const [availableUntil, setAvailableUntil] = useState<string | null>(addDays(today, 7));
  const [notes, setNotes] = useState('');
  const errors = fieldErrors(error, t);
  const zone = zoneOfRegion(origin);
  const submit = () =>
    onSubmit({
      commodityCode: commodity.commodityCode ?? '',
      ...(commodity.grade ? { grade: commodity.grade } : {}),
      quantity: quantity === '' ? 0 : quantity,
      ...(minOrder !== '' ? { minOrderQuantity: minOrder } : {}),
      pricePerUnit: price === '' ? 0 : price,
      originRegionCode: origin ?? '',
      availableFrom: availableFrom ? dayInZone(availableFrom, zone, 'start') : '',
      availableUntil: availableUntil ? dayInZone(availableUntil, zone, 'end') : '',
      ...(harvestedAt ? { harvestedAt: dayInZone(harvestedAt, zone, 'start') } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    });
  return (
    <Stack component="form" onSubmit={(e) => (e.preventDefault(), submit())} aria-label={t('listings.new')}>
      <FormAlert error={error} fieldErrors={errors} />
      <CommodityAndGradeFields state={commodity} gradeLabel={t('field.grade')} errors={errors} gradeField="grade" />
      <QuantityInput
        label={t('field.quantity')}
        kg={quantity}
        onChange={setQuantity}
        unit={unit}
        onUnitChange={setUnit}
        error={errors.quantity}
        required
      />
      <QuantityInput
        label={t('field.minOrder')}
        kg={minOrder}
        onChange={setMinOrder}
        unit={unit}
        onUnitChange={setUnit}
        error={errors.minOrderQuantity}
      />
      <RupiahInput label={t('field.pricePerKg')} value={price} onChange={setPrice} error={errors.pricePerUnit} />
      <RegionSelect label={t('field.origin')} value={origin} onChange={setOrigin} error={errors.originRegionCode} />
      <DayInput label={t('field.harvestedAt')} zone={zone} value={harvestedAt} error={errors.harvestedAt} onChange={setHarvestedAt} />
      <DayInput label={t('field.availableFrom')} zone={zone} required value={availableFrom} error={errors.availableFrom} onChange={setAvailableFrom} />
      <DayInput label={t('field.availableUntil')} zone={zone} required value={availableUntil} error={errors.availableUntil} onChange={setAvailableUntil} minDate={availableFrom ?? undefined} />
      <Textarea label={t('field.notes')} value={notes} error={errors.notes} onChange={(e) => setNotes(e.currentTarget.value)} />
      <Button type="submit" loading={submitting}>
        {t('listings.submit')}
      </Button>
    </Stack>
  );
}
