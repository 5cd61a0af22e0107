import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { formatDateTime, formatNumber, formatQuantity, formatRupiah, type Language, type Zone } from '../format';

export type CandidateReason = Schemas['CandidateReason'];

/**
 * The catalog's values for one reason: every figure formatted for the reader's language (Rp
 * 37.516 / Rp 37,516; 1,4 / 1.4 days), instants in the reader's zone, places and commodities by
 * name. Unknown fields are left out, so a sentence never shows "undefined".
 */
export function reasonValues(
  reason: CandidateReason,
  {
    language,
    zone,
    place,
    commodity,
    t,
  }: {
    language: Language;
    zone: Zone;
    place: (code: string) => string;
    commodity: (code: string) => string;
    t: (key: string) => string;
  },
): Record<string, string> {
  const p = reason.params;
  const values: Record<string, string> = {};
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined) values[key] = value;
  };
  const rp = (n: number | null | undefined) => (n == null ? undefined : formatRupiah(n, language));
  const days = (n: number | undefined) => (n === undefined ? undefined : formatNumber(n, language));
  const at = (iso: string | undefined) => (iso ? formatDateTime(iso, zone, language) : undefined);
  const kg = (n: number | undefined) => (n === undefined ? undefined : formatQuantity(n, 'kg', language));
  set('offered', p.offeredCommodity && commodity(p.offeredCommodity));
  set('wanted', p.wantedCommodity && commodity(p.wantedCommodity));
  set('offeredGrade', p.offeredGrade);
  set('minimumGrade', p.minimumGrade);
  set('origin', p.originRegionCode && place(p.originRegionCode));
  set('destination', p.destinationRegionCode && place(p.destinationRegionCode));
  set('transport', p.transport && t(`whyNot.transport.${p.transport}`));
  set('availableUntil', at(p.availableUntil));
  set('departureDate', at(p.departureDate));
  set('arrivalDate', at(p.arrivalDate));
  set('deliverFrom', at(p.deliverFrom));
  set('deliverBy', at(p.deliverBy));
  set('latestDeliverFrom', at(p.latestDeliverFrom));
  set('arrivalInDays', days(p.arrivalInDays));
  set('deliverByInDays', days(p.deliverByInDays));
  set('left', days(p.shelfLifeDaysLeft));
  set('spoiled', days(p.spoiledDaysBeforeArrival));
  set('needed', days(p.neededShelfLifeDays));
  set('landed', rp(p.landedCostPerUnit));
  set('max', rp(p.maxPricePerUnit));
  set('asking', rp(p.maxAskingPricePerUnit));
  set('ceiling', rp(p.ceilingPerUnit));
  set('minOrder', kg(p.minOrderQuantity));
  set('requested', kg(p.requestedQuantity));
  return values;
}

/**
 * Why a candidate matches or not, from the console's own catalogs: the API's code and figures,
 * worded in the reader's language (the API's `message` is English prose for API clients), with
 * what would make it match.
 */
export function WhyNotReason({
  reason,
  zone,
  place,
  commodity,
}: {
  reason: CandidateReason;
  zone: Zone;
  place: (code: string) => string;
  commodity: (code: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const values = reasonValues(reason, { language, zone, place, commodity, t });
  // Without an asking price that helps, the price reason offers the maximum only.
  const fixKey =
    reason.code === 'above_maximum_price' && values.asking === undefined
      ? 'whyNot.fix.above_maximum_price_only'
      : `whyNot.fix.${reason.code}`;
  const fix = t(fixKey, { ...values, defaultValue: '' });
  return (
    <>
      <Text size="sm" data-testid="reason">
        {t(`whyNot.reason.${reason.code}`, values)}
      </Text>
      {fix && (
        <Text size="sm" c="dimmed">
          {t('whyNot.wouldTake', { what: fix })}
        </Text>
      )}
    </>
  );
}
