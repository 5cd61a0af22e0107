import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useCommodityName } from '../components/CommoditySelect';
import { RequestForm, type NewRequest } from '../components/RequestForm';
import { QueryState } from '../components/States';
import { formatDate, formatQuantity, formatRupiah, type Language } from '../format';
import { useMe } from '../session';

/** A buyer's demand: post a request, and its requests with what remains. */
export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const me = useMe();
  const client = useQueryClient();
  const name = useCommodityName();
  const [formOpen, setFormOpen] = useState(false);
  const requests = useQuery({
    queryKey: ["requests"],
    queryFn: () => unwrap(api.GET('/api/v1/demand-requests', { params: { query: { limit: 50 } } })),
  });
  const create = useMutation({
    mutationFn: (body: NewRequest) => unwrap(api.POST('/api/v1/demand-requests', { body })),
    onSuccess: () => {
      setFormOpen(false);
      void client.invalidateQueries({ queryKey: ["requests"] });
    },
  });
  const items = requests.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('requests.title')}</Title>
        <Button onClick={() => setFormOpen((o) => !o)} variant={formOpen ? 'default' : 'filled'}>
          {formOpen ? t('action.cancel') : t('requests.new')}
        </Button>
      </Group>
        {formOpen && me.data && (
          <Card withBorder>
            <RequestForm
              destinationRegionCode={me.data.organization.regionCode}
              onSubmit={(request) => create.mutate(request)}
              submitting={create.isPending}
              error={create.error}
            />
          </Card>
        )}
      <QueryState
        isPending={requests.isPending}
        error={requests.error}
        isEmpty={items.length === 0}
        empty={t('requests.empty')}
      />
      {items.map((l) => (
        <Card key={l.id} withBorder padding="sm" data-testid="request">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700}>
              {name(l.commodityCode)} {l.minGrade ? `· ≥ ${l.minGrade}` : ''}
            </Text>
            <Badge>{t(`status.${l.status}`, { defaultValue: l.status })}</Badge>
          </Group>
          <Text size="sm">
            {t('requests.remaining', {
              remaining: formatQuantity(l.remainingQuantity, 'kg', language),
              total: formatQuantity(l.quantity, 'kg', language),
            })}
          </Text>
          <Text size="sm">
            {t('requests.price', { price: formatRupiah(l.maxPricePerUnit, language) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('requests.deliverBy', { date: formatDate(l.deliverBy, language) })}
          </Text>
          <Anchor component={Link} to={`/why-not/request/${l.id}`} size="sm" py={6}>
            {t('whyNot.link')}
          </Anchor>
        </Card>
      ))}
    </Stack>
  );
}
