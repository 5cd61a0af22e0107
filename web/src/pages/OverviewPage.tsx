import '@mantine/charts/styles.css';
import { Anchor, Group, Select, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useCommodities, useCommodityName } from '../components/CommoditySelect';
import { balancePoints, flowDirection } from '../components/government/balance-data';
import { BalanceCharts } from '../components/government/BalanceCharts';
import { FiguresTable } from '../components/government/ChartFigure';
import { useRegionName } from '../components/government/AgreementCard';
import { formatTonnes, tonneUnit } from '../components/government/quantities';
import { weekLabel, weeksAround } from '../components/government/weeks';
import { QueryState } from '../components/States';
import { todayInZone, zoneOfRegion, type Language } from '../format';
import { useMe } from '../session';

/** Weeks shown: the last eight and the next four (supply and trades are posted ahead). */
const WEEKS_BEFORE = 7;
const WEEKS_AFTER = 4;
/** The commodity a Batam or Malang officer looks at first (the founding story's). */
const FIRST_COMMODITY = 'cabai_merah_keriting';

/**
 * A government's market overview of its region (neraca): per commodity and week, supply and
 * demand posted, proposed, confirmed and delivered, the surplus or deficit, and the flows in
 * and out of the region, with the CSV export a planner takes into a spreadsheet.
 */
export default function OverviewPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const me = useMe();
  const regionCode = me.data?.organization.regionCode ?? '';
  const regionName = useRegionName(regionCode);
  const commodities = useCommodities();
  const commodityName = useCommodityName();
  const [commodity, setCommodity] = useState<string>(FIRST_COMMODITY);
  const zone = zoneOfRegion(regionCode);
  const weeks = weeksAround(todayInZone(zone), WEEKS_BEFORE, WEEKS_AFTER);
  const range = { from: weeks[0]!.week, to: weeks.at(-1)!.week };
  const query = { regionCode, commodityCode: commodity, ...range };
  const balance = useQuery({
    queryKey: ['balance', query],
    queryFn: () =>
      unwrap(api.GET('/api/v1/balance', { params: { query: { ...query, limit: 100 } } })),
    enabled: !!regionCode,
    placeholderData: keepPreviousData,
  });
  const flows = useQuery({
    queryKey: ['balance-flows', query],
    queryFn: () =>
      unwrap(api.GET('/api/v1/balance/flows', { params: { query: { ...query, limit: 100 } } })),
    enabled: !!regionCode,
    placeholderData: keepPreviousData,
  });
  const unitOf = commodities.data?.items.find((c) => c.code === commodity)?.unit ?? 'kg';
  const tonnes = tonneUnit(unitOf);
  const points = balancePoints(
    balance.data?.items ?? [],
    weeks,
    t('government.weekWord'),
    language,
  );
  const flowRows = flows.data?.items ?? [];
  const csv = (path: string) =>
    `${path}?${new URLSearchParams({ ...query, format: 'csv', limit: '5000' }).toString()}`;
  return (
    <Stack>
      <Title order={2}>{t('government.overviewTitle', { region: regionName })}</Title>
      <Text size="sm" c="dimmed">
        {t('government.overviewIntro', {
          from: weekLabel(weeks[0]!.weekStart, t('government.weekWord'), language),
          to: weekLabel(weeks.at(-1)!.weekStart, t('government.weekWord'), language),
          zone: zone.abbreviation,
        })}
      </Text>
      <Select
        label={t('field.commodity')}
        searchable
        allowDeselect={false}
        value={commodity}
        onChange={(code) => code && setCommodity(code)}
        nothingFoundMessage={t('state.nothingFound')}
        data={(commodities.data?.items ?? []).map((c) => ({
          value: c.code,
          label: commodityName(c.code),
        }))}
      />
      <Group gap="md">
        <Anchor href={csv('/api/v1/balance')} download py={10}>
          {t('government.csvBalance')}
        </Anchor>
        <Anchor href={csv('/api/v1/balance/flows')} download py={10}>
          {t('government.csvFlows')}
        </Anchor>
      </Group>
      <QueryState isPending={balance.isPending} error={balance.error} isEmpty={false} empty="" />
      {balance.isSuccess && (
        <>
          {balance.data.items.length === 0 && (
            <Text c="dimmed" role="status">
              {t('government.noBalance', { commodity: commodityName(commodity) })}
            </Text>
          )}
          <BalanceCharts points={points} unit={tonnes} commodityName={commodityName(commodity)} />
        </>
      )}
      <Title order={3} size="h4">
        {t('government.flowsTitle')}
      </Title>
      <QueryState
        isPending={flows.isPending}
        error={flows.error}
        isEmpty={flowRows.length === 0}
        empty={t('government.noFlows')}
      />
      {flowRows.length > 0 && (
        <FiguresTable
          testId="flows-table"
          caption={t('government.flowsTable', {
            commodity: commodityName(commodity),
            unit: tonnes,
          })}
          columns={[
            t('government.flow.route'),
            t('government.flow.week'),
            t('government.flow.direction'),
            t('government.figure.proposed'),
            t('government.figure.confirmed'),
            t('government.figure.delivered'),
          ]}
          rows={flowRows.map((f) => ({
            key: `${f.week}|${f.originCode}|${f.destinationCode}`,
            header: `${f.originName} → ${f.destinationName}`,
            cells: [
              weekLabel(f.weekStart, t('government.weekWord'), language),
              t(`government.flow.${flowDirection(f, regionCode)}`),
              formatTonnes(f.proposedQuantity, f.unit, language),
              formatTonnes(f.confirmedQuantity, f.unit, language),
              formatTonnes(f.deliveredQuantity, f.unit, language),
            ],
          }))}
        />
      )}
    </Stack>
  );
}
