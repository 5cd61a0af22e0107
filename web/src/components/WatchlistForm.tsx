import { Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { fieldErrors } from '../api/errors';
import type { QuantityUnit } from '../format';
import { CommoditySelect } from './CommoditySelect';
import { FormAlert } from './FormParts';
import type { FormProps } from './MarketPage';
import { QuantityInput } from './QuantityInput';
import { RegionSelect } from './RegionSelect';

export type NewWatchlist = Schemas['CreateWatchlistDto'];

/**
 * A trader's watchlist: a commodity by its Indonesian name, and optionally where from, where to
 * and the smallest lot worth hearing of. Fields left empty mean "any", as the API reads them, so
 * they are left out of the body rather than sent empty.
 */
export function WatchlistForm({ onSubmit, submitting, error }: FormProps<NewWatchlist>) {
  const { t } = useTranslation();
  const [commodityCode, setCommodityCode] = useState<string | null>(null);
  const [origin, setOrigin] = useState<string | null>(null);
  const [destination, setDestination] = useState<string | null>(null);
  const [minQuantity, setMinQuantity] = useState<number | ''>('');
  const [unit, setUnit] = useState<QuantityUnit>('kg');
  const [missing, setMissing] = useState(false);
  const errors = fieldErrors(error, t);
  const submit = () => {
    // The API refuses a watchlist without a commodity; say so by the field before asking it.
    if (!commodityCode) return setMissing(true);
    onSubmit({
      commodityCode,
      ...(origin ? { originCode: origin } : {}),
      ...(destination ? { destinationCode: destination } : {}),
      ...(minQuantity !== '' && minQuantity > 0 ? { minQuantity } : {}),
    });
  };
  return (
    <Stack
      component="form"
      onSubmit={(e) => (e.preventDefault(), submit())}
      aria-label={t('trader.watchlists.form')}
    >
      <FormAlert error={error} fieldErrors={errors} />
      <CommoditySelect
        value={commodityCode}
        onChange={(code) => (setCommodityCode(code), setMissing(false))}
        error={errors.commodityCode ?? (missing ? t('trader.watchlists.commodityRequired') : undefined)}
      />
      <RegionSelect
        label={t('trader.watchlists.origin')}
        required={false}
        value={origin}
        onChange={setOrigin}
        error={errors.originCode}
      />
      <RegionSelect
        label={t('trader.watchlists.destination')}
        required={false}
        value={destination}
        onChange={setDestination}
        error={errors.destinationCode}
      />
      <QuantityInput
        label={t('trader.watchlists.minQuantity')}
        kg={minQuantity}
        onChange={setMinQuantity}
        unit={unit}
        onUnitChange={setUnit}
        error={errors.minQuantity}
      />
      <Button type="submit" loading={submitting} mih={44}>
        {t('trader.watchlists.save')}
      </Button>
    </Stack>
  );
}
