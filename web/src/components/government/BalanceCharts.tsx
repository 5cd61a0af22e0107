import { BarChart, LineChart } from '@mantine/charts';
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, type Language } from '../../format';
import { BALANCE_FIGURES, balanceTotals, type BalancePoint } from './balance-data';
import { ChartFigure, FiguresTable } from './ChartFigure';

const HEIGHT = 220;

/**
 * One commodity's balance in a region over the weeks: supply against demand, the surplus or
 * deficit, and what was proposed, confirmed and delivered into and out of the region; then the
 * same figures as a table (the charts' text alternative, and what a planner copies).
 */
export function BalanceCharts({
  points,
  unit,
  commodityName,
}: {
  points: BalancePoint[];
  /** t, or kL for litres */
  unit: string;
  commodityName: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const n = (value: number) => `${formatNumber(value, language, 3)} ${unit}`;
  const totals = balanceTotals(points);
  const label = (figure: (typeof BALANCE_FIGURES)[number]) => t(`government.figure.${figure}`);
  const common = {
    h: HEIGHT,
    dataKey: 'tick',
    data: points,
    unit: ` ${unit}`,
    valueFormatter: (v: number) => formatNumber(v, language, 3),
    withLegend: true,
    legendProps: { verticalAlign: 'bottom' as const },
    // The table beside the chart is what assistive technology reads; nothing in the SVG is
    // focusable, so hiding it from screen readers hides nothing a keyboard can reach.
    accessibilityLayer: false,
    tickLine: 'none' as const,
  };
  return (
    <Stack gap="lg">
      <ChartFigure
        title={t('government.chart.supplyDemand')}
        summary={t('government.chart.supplyDemandSummary', {
          commodity: commodityName,
          supply: n(totals.supply),
          demand: n(totals.demand),
          surplus: n(totals.surplus),
        })}
      >
        <BarChart
          {...common}
          series={[
            { name: 'supply', label: label('supply'), color: 'teal.7' },
            { name: 'demand', label: label('demand'), color: 'orange.7' },
          ]}
        />
      </ChartFigure>
      <ChartFigure
        title={t('government.chart.surplus')}
        summary={t('government.chart.surplusSummary')}
      >
        <BarChart
          {...common}
          withLegend={false}
          series={[{ name: 'surplus', label: label('surplus'), color: 'teal.7' }]}
          getBarColor={(value) => (value < 0 ? 'red.8' : 'teal.7')}
          referenceLines={[{ y: 0, color: 'gray.6' }]}
        />
      </ChartFigure>
      <ChartFigure
        title={t('government.chart.inbound')}
        summary={t('government.chart.inboundSummary', { confirmed: n(totals.confirmedIn) })}
      >
        <LineChart
          {...common}
          curveType="linear"
          series={[
            { name: 'proposedIn', label: label('proposedIn'), color: 'blue.7' },
            { name: 'confirmedIn', label: label('confirmedIn'), color: 'teal.8' },
            { name: 'deliveredIn', label: label('deliveredIn'), color: 'grape.8' },
          ]}
        />
      </ChartFigure>
      <ChartFigure
        title={t('government.chart.outbound')}
        summary={t('government.chart.outboundSummary', { confirmed: n(totals.confirmedOut) })}
      >
        <LineChart
          {...common}
          curveType="linear"
          series={[
            { name: 'proposedOut', label: label('proposedOut'), color: 'blue.7' },
            { name: 'confirmedOut', label: label('confirmedOut'), color: 'teal.8' },
            { name: 'deliveredOut', label: label('deliveredOut'), color: 'grape.8' },
          ]}
        />
      </ChartFigure>
      <FiguresTable
        testId="balance-table"
        caption={t('government.balanceTable', { commodity: commodityName, unit })}
        columns={[t('government.week'), ...BALANCE_FIGURES.map(label)]}
        rows={points.map((p) => ({
          key: p.week,
          header: p.label,
          cells: BALANCE_FIGURES.map((f) => formatNumber(p[f], language, 3)),
        }))}
      />
    </Stack>
  );
}
