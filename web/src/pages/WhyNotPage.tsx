import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { QueryState } from '../components/States';
import { formatQuantity, formatRupiah, type Language } from '../format';

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
  return (
    <Stack>
      <Title order={2}>{t('whyNot.title')}</Title>
      {candidates.data && (
        <Alert color="blue" role="status">
          {candidates.data.summary}
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
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600}>
              {c.regionCode} · {Math.round(c.straightLineKm)} km
            </Text>
            <Badge color={c.feasible ? 'green' : 'orange'}>
              {c.feasible ? t('whyNot.feasible') : t(`rule.${c.rule}`, { defaultValue: c.rule ?? '' })}
            </Badge>
          </Group>
          <Text size="sm">
            {formatQuantity(c.remainingQuantity, 'kg', language)}
            {c.pricePerUnit != null ? ` · ${formatRupiah(c.pricePerUnit, language)}/kg` : ''}
          </Text>
          <Text size="sm">{c.message}</Text>
          {c.wouldTake && (
            <Text size="sm" c="dimmed">
              {t('whyNot.wouldTake', { what: c.wouldTake })}
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}
