import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useCommodityName } from '../components/CommoditySelect';
import { ListingForm, type NewListing } from '../components/ListingForm';
import { QueryState } from '../components/States';
import { formatDate, formatQuantity, formatRupiah, type Language } from '../format';
import { useMe } from '../session';

/** A cooperative's supply: post a listing, and its listings with what remains. */
export function ListingsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const me = useMe();
  const client = useQueryClient();
  const name = useCommodityName();
  const [formOpen, setFormOpen] = useState(false);
  const listings = useQuery({
    queryKey: ['listings'],
    queryFn: () => unwrap(api.GET('/api/v1/supply-listings', { params: { query: { limit: 50 } } })),
  });
  const create = useMutation({
    mutationFn: (body: NewListing) => unwrap(api.POST('/api/v1/supply-listings', { body })),
    onSuccess: () => {
      setFormOpen(false);
      void client.invalidateQueries({ queryKey: ['listings'] });
    },
  });
  const items = listings.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('listings.title')}</Title>
        <Button onClick={() => setFormOpen((o) => !o)} variant={formOpen ? 'default' : 'filled'}>
          {formOpen ? t('action.cancel') : t('listings.new')}
        </Button>
      </Group>
        {formOpen && me.data && (
          <Card withBorder>
            <ListingForm
              originRegionCode={me.data.organization.regionCode}
              onSubmit={(listing) => create.mutate(listing)}
              submitting={create.isPending}
              error={create.error}
            />
          </Card>
        )}
      <QueryState
        isPending={listings.isPending}
        error={listings.error}
        isEmpty={items.length === 0}
        empty={t('listings.empty')}
      />
      {items.map((l) => (
        <Card key={l.id} withBorder padding="sm" data-testid="listing">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700}>
              {name(l.commodityCode)} {l.grade ? `· ${l.grade}` : ''}
            </Text>
            <Badge>{t(`status.${l.status}`, { defaultValue: l.status })}</Badge>
          </Group>
          <Text size="sm">
            {t('listings.remaining', {
              remaining: formatQuantity(l.remainingQuantity, 'kg', language),
              total: formatQuantity(l.quantity, 'kg', language),
            })}
          </Text>
          <Text size="sm">
            {t('listings.price', { price: formatRupiah(l.pricePerUnit, language) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('listings.window', {
              from: formatDate(l.availableFrom, language),
              until: formatDate(l.availableUntil, language),
            })}
          </Text>
          <Anchor component={Link} to={`/why-not/listing/${l.id}`} size="sm" py={6}>
            {t('whyNot.link')}
          </Anchor>
        </Card>
      ))}
    </Stack>
  );
}
