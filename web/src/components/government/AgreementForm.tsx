import { Button, MultiSelect, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { addDays, dayInZone, todayInZone, zoneOfRegion, type QuantityUnit } from '../../format';
import { useCommodities, useCommodityName } from '../CommoditySelect';
import { DayInput } from '../DayInput';
import { FormAlert, RupiahInput } from '../FormParts';
import type { FormProps } from '../MarketPage';
import { QuantityInput } from '../QuantityInput';
import { RegionSelect } from '../RegionSelect';
import { agreementFieldErrors } from './agreement-errors';

export type NewAgreement = Schemas['CreateAgreementDto'];

/** Agreement periods are ISO weeks from Monday 00:00 WIB, the national reporting zone. */
const PERIOD_ZONE = zoneOfRegion('31');

/** The other region's verified governments, the only possible counterparts. */
function useGovernments(regionCode: string | null) {
  return useQuery({
    queryKey: ['governments', regionCode],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organizations/governments', {
          params: { query: { regionCode: regionCode ?? '' } },
        }),
      ),
    enabled: !!regionCode,
  });
}

/**
 * A government proposes an agreement to another region's government: commodities, the volume
 * committed per week for each, a price band, a shortfall penalty and the validity. The form
 * checks what the API would refuse before sending (the same rules), and shows the API's own
 * field errors next to the field they name.
 */
export function AgreementForm({
  myRegionCode,
  onSubmit,
  submitting,
  error,
}: FormProps<NewAgreement> & { myRegionCode: string }) {
  const { t } = useTranslation();
  const commodities = useCommodities();
  const commodityName = useCommodityName();
  const [title, setTitle] = useState('');
  const [partnerRegion, setPartnerRegion] = useState<string | null>(null);
  const [counterpart, setCounterpart] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[]>([]);
  const [volumes, setVolumes] = useState<Record<string, number | ''>>({});
  const [unit, setUnit] = useState<QuantityUnit>('ton');
  const [penalty, setPenalty] = useState<number | ''>('');
  const [floor, setFloor] = useState<number | ''>('');
  const [ceiling, setCeiling] = useState<number | ''>('');
  const today = todayInZone(PERIOD_ZONE);
  const [validFrom, setValidFrom] = useState<string | null>(today);
  const [validUntil, setValidUntil] = useState<string | null>(addDays(today, 90));
  const [noticeDays, setNoticeDays] = useState<number | ''>(30);
  const [local, setLocal] = useState<Record<string, string>>({});
  const governments = useGovernments(partnerRegion);

  const choosePartnerRegion = (code: string | null) => {
    setPartnerRegion(code);
    setCounterpart(null);
  };
  const found = governments.data ?? [];
  // One government in the partner region (the usual case): it is the counterpart.
  const counterpartShown = counterpart ?? (found.length === 1 ? found[0]!.id : null);

  const check = (): Record<string, string> => {
    const problems: Record<string, string> = {};
    if (!partnerRegion) problems.regionCodes = t('government.form.needPartnerRegion');
    else if (partnerRegion === myRegionCode)
      problems.regionCodes = t('government.form.samePartnerRegion');
    if (!counterpartShown)
      problems.counterpartOrganizationId = t('government.form.needCounterpart');
    if (codes.length === 0) problems.commodityCodes = t('government.form.needCommodity');
    codes.forEach((code, i) => {
      const v = volumes[code];
      if (v === undefined || v === '' || v < 1)
        problems[`commitments.${i}.quantityPerPeriod`] = t('government.form.needVolume');
    });
    if (penalty === '' || penalty < 1)
      problems.shortfallPenaltyPerUnit = t('government.form.needPenalty');
    if (floor !== '' && ceiling !== '' && ceiling < floor)
      problems.priceCeilingPerUnit = t('government.form.ceilingBelowFloor');
    if (!validFrom) problems.validFrom = t('government.form.needDate');
    if (!validUntil) problems.validUntil = t('government.form.needDate');
    else if (validFrom && validUntil < validFrom)
      problems.validUntil = t('government.form.untilBeforeFrom');
    return problems;
  };

  const submit = () => {
    const problems = check();
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    onSubmit({
      ...(title.trim() ? { title: title.trim() } : {}),
      regionCodes: [myRegionCode, partnerRegion ?? ''],
      commodityCodes: codes,
      validFrom: dayInZone(validFrom ?? '', PERIOD_ZONE, 'start'),
      validUntil: dayInZone(validUntil ?? '', PERIOD_ZONE, 'end'),
      // Committed volumes are prioritised by the shortfall penalty, never by a bonus folded
      // into the gain buyers are shown (issue #12).
      priorityBonusPerUnit: 0,
      counterpartOrganizationId: counterpartShown ?? '',
      commitments: codes.map((code) => ({
        commodityCode: code,
        quantityPerPeriod: Number(volumes[code] || 0),
      })),
      shortfallPenaltyPerUnit: penalty === '' ? 0 : penalty,
      ...(floor !== '' ? { priceFloorPerUnit: floor } : {}),
      ...(ceiling !== '' ? { priceCeilingPerUnit: ceiling } : {}),
      ...(noticeDays !== '' ? { noticeDays } : {}),
    });
  };

  // What the form found wrong is shown until the next try; then the API's answer.
  const errors = Object.keys(local).length ? local : agreementFieldErrors(error, t);
  return (
    // noValidate: the form's own checks say what is wrong in the user's language, where the
    // browser's would speak the browser's.
    <form
      noValidate
      onSubmit={(e) => (e.preventDefault(), submit())}
      aria-label={t('government.form.title')}
    >
      <Stack>
        <FormAlert error={Object.keys(local).length ? null : error} fieldErrors={errors} />
        <TextInput
          label={t('government.form.agreementTitle')}
          description={t('government.form.agreementTitleHint')}
          value={title}
          maxLength={200}
          error={errors.title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <RegionSelect
          label={t('government.form.partnerRegion')}
          value={partnerRegion}
          onChange={choosePartnerRegion}
          error={errors.regionCodes}
        />
        <Select
          label={t('government.form.counterpart')}
          required
          disabled={!partnerRegion}
          value={counterpartShown}
          onChange={setCounterpart}
          error={errors.counterpartOrganizationId}
          nothingFoundMessage={t('government.form.noGovernment')}
          description={
            partnerRegion && governments.isSuccess && found.length === 0
              ? t('government.form.noGovernment')
              : undefined
          }
          data={found.map((g) => ({ value: g.id, label: g.name }))}
        />
        <MultiSelect
          size="md"
          label={t('field.commodity')}
          required
          searchable
          value={codes}
          onChange={setCodes}
          error={errors.commodityCodes}
          nothingFoundMessage={t('state.nothingFound')}
          data={(commodities.data?.items ?? []).map((c) => ({
            value: c.code,
            label: commodityName(c.code),
          }))}
        />
        {codes.map((code, i) => (
          <QuantityInput
            key={code}
            label={t('government.form.volumePerWeek', { commodity: commodityName(code) })}
            kg={volumes[code] ?? ''}
            onChange={(kg) => setVolumes((v) => ({ ...v, [code]: kg }))}
            unit={unit}
            onUnitChange={setUnit}
            required
            error={
              errors[`commitments.${i}.quantityPerPeriod`] ??
              errors[`commitments.${i}.commodityCode`]
            }
          />
        ))}
        <RupiahInput
          label={t('government.form.penalty')}
          description={t('government.form.penaltyHint')}
          value={penalty}
          onChange={setPenalty}
          error={errors.shortfallPenaltyPerUnit}
        />
        <RupiahInput
          label={t('government.form.priceFloor')}
          required={false}
          value={floor}
          onChange={setFloor}
          error={errors.priceFloorPerUnit}
        />
        <RupiahInput
          label={t('government.form.priceCeiling')}
          required={false}
          value={ceiling}
          onChange={setCeiling}
          error={errors.priceCeilingPerUnit}
        />
        <DayInput
          label={t('government.form.validFrom')}
          zone={PERIOD_ZONE}
          required
          value={validFrom}
          onChange={setValidFrom}
          error={errors.validFrom}
        />
        <DayInput
          label={t('government.form.validUntil')}
          zone={PERIOD_ZONE}
          required
          value={validUntil}
          onChange={setValidUntil}
          error={errors.validUntil}
          minDate={validFrom ?? undefined}
        />
        <NumberInput
          label={t('government.form.noticeDays')}
          min={0}
          max={3650}
          allowDecimal={false}
          value={noticeDays}
          error={errors.noticeDays}
          onChange={(v) => setNoticeDays(v === '' ? '' : Number(v))}
        />
        <Text size="sm" c="dimmed">
          {t('government.form.note')}
        </Text>
        <Button type="submit" loading={submitting}>
          {t('government.form.submit')}
        </Button>
      </Stack>
    </form>
  );
}
