import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { useCommodityName } from '../components/CommoditySelect';
import { useRegionNames } from '../components/regions';
import { QueryState } from '../components/States';
import { WhyNotReason } from '../components/WhyNotReason';
import { formatNumber, formatQuantity, formatRupiah, type Language } from '../format';
import { useZone } from '../session';

/** "Why no match?": the nearest counterparts and, for each, what stops it, in plain words. */
export function WhyNotPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { kind, id = '' } = useParams();
  const candidates = useQuery({
    queryKey: ['why-not', kind, id],
    queryFn: () =>
      kind === 'request'
        ? unwrap(api.GET('/api/v1/demand-requests/{id}/candidates', { params: { path: { id } } }))
        : unwrap(api.GET('/api/v1/supply-listings/{id}/candidates', { params: { path: { id } } })),
  });
  const items = candidates.data?.items ?? [];
  const zone = useZone();
  const commodityName = useCommodityName();
  // Regions the reasons name (a route's two ends) are looked up with the candidates' own.
  const regionName = useRegionNames(
    items.flatMap((c) => [
      c.regionCode,
      c.reason.params.originRegionCode ?? '',
      c.reason.params.destinationRegionCode ?? '',
    ]),
  );
  const feasible = items.filter((c) => c.feasible).length;
  return (
    <Stack>
      <Title order={2}>{t('whyNot.title')}</Title>
      {items.length > 0 && (
        <Alert color="blue" role="status">
          {t('whyNot.summary', { count: items.length, feasible, ruledOut: items.length - feasible })}
        </Alert>
      )}
      <QueryState
        isPending={candidates.isPending}
        error={candidates.error}
        isEmpty={items.length === 0}
        empty={t('whyNot.empty')}
      />
      {items.map((c) => (
        <Card key={c.counterpartId} withBorder padding="sm" data-testid="candidate">
          <Group justify="space-between" align="flex-start" gap="xs">
            <Text fw={600}>
              {regionName(c.regionCode)} · {formatNumber(c.straightLineKm, language, 0)} km
            </Text>
            {/* Not upper-cased: the rule reads as the word the explanation uses. */}
            <Badge color={c.feasible ? 'teal' : 'red'} tt="none" style={{ flexShrink: 0 }}>
              {c.feasible ? t('whyNot.feasible') : t(`rule.${c.rule}`, { defaultValue: c.rule ?? '' })}
            </Badge>
          </Group>
          <Text size="sm">
            {formatQuantity(c.remainingQuantity, 'kg', language)}
            {c.pricePerUnit != null ? ` · ${formatRupiah(c.pricePerUnit, language)}/kg` : ''}
          </Text>
          <WhyNotReason reason={c.reason} zone={zone} place={regionName} commodity={commodityName} />
        </Card>
      ))}
    </Stack>
  );
}
