import { Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { QueryState } from '../components/States';
import { formatDate, formatRupiah, type Language } from '../format';

/** A government's page: the inter-regional agreements (public acts) that shape matching. */
export default function OverviewPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const agreements = useQuery({
    queryKey: ['agreements'],
    queryFn: () => unwrap(api.GET('/api/v1/agreements', { params: { query: { limit: 50 } } })),
  });
  const items = agreements.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('overview.agreements')}</Title>
      <QueryState
        isPending={agreements.isPending}
        error={agreements.error}
        isEmpty={items.length === 0}
        empty={t('overview.empty')}
      />
      {items.map((a) => (
        <Card key={a.id} withBorder padding="sm">
          <Text fw={700}>{a.title}</Text>
          <Text size="sm">{a.regionCodes.join(' ↔ ')}</Text>
          <Text size="sm">
            {t('overview.valid', {
              from: formatDate(a.validFrom, language),
              until: formatDate(a.validUntil, language),
            })}
          </Text>
          <Text size="sm">
            {t('overview.bonus', { amount: formatRupiah(a.priorityBonusPerUnit, language) })}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
