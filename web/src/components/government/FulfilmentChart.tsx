import { BarChart } from '@mantine/charts';
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, type Language } from '../../format';
import { ChartFigure, FiguresTable } from './ChartFigure';
import { FULFILMENT_FIGURES, type FulfilmentPoint } from './fulfilment-data';

/**
 * One commodity of an agreement, week by week: the committed volume against what was proposed,
 * confirmed and delivered; weeks behind schedule carry ⚠ in the chart and a word in the table.
 */
export function FulfilmentChart({
  points,
  commodityName,
}: {
  points: FulfilmentPoint[];
  commodityName: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const label = (figure: (typeof FULFILMENT_FIGURES)[number]) =>
    t(`government.fulfilment.${figure}`);
  const behind = points.filter((p) => p.behind).length;
  return (
    <Stack gap="sm">
      <ChartFigure
        title={t('government.fulfilment.title', { commodity: commodityName })}
        summary={t('government.fulfilment.summary', { count: behind, weeks: points.length })}
      >
        <BarChart
          h={200}
          data={points}
          dataKey="tick"
          unit=" t"
          valueFormatter={(v) => formatNumber(v, language, 3)}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          accessibilityLayer={false}
          tickLine="none"
          series={[
            { name: 'committed', label: label('committed'), color: 'gray.6' },
            { name: 'proposed', label: label('proposed'), color: 'blue.7' },
            { name: 'confirmed', label: label('confirmed'), color: 'teal.8' },
            { name: 'delivered', label: label('delivered'), color: 'grape.8' },
          ]}
        />
      </ChartFigure>
      <FiguresTable
        testId="fulfilment-table"
        caption={t('government.fulfilment.table', { commodity: commodityName })}
        columns={[
          t('government.week'),
          ...FULFILMENT_FIGURES.map(label),
          t('government.fulfilment.state'),
        ]}
        rows={points.map((p) => ({
          key: p.periodStart,
          header: p.label,
          cells: [
            ...FULFILMENT_FIGURES.map((f) => formatNumber(p[f], language, 3)),
            p.behind ? t('government.fulfilment.behind') : t('government.fulfilment.onTrack'),
          ],
        }))}
      />
    </Stack>
  );
}
