import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { formError } from '../api/errors';
import { useCommodityName } from '../components/CommoditySelect';
import { useRegionNames } from '../components/regions';
import { QueryState } from '../components/States';
import { WatchlistForm, type NewWatchlist } from '../components/WatchlistForm';
import { formatDayInZone, formatQuantity, type Language } from '../format';
import { useZone } from '../session';
import { useQuantityUnit } from '../unit';

type Watchlist = Schemas['WatchlistView'];

/** One watchlist in plain words, deleted only after a second, explicit tap. */
function WatchlistCard({
  watchlist,
  commodity,
  place,
}: {
  watchlist: Watchlist;
  commodity: string;
  place: (code: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const zone = useZone();
  const [unit] = useQuantityUnit();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/watchlists/{id}', { params: { path: { id: watchlist.id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['watchlists'] }),
  });
  const anywhere = t('trader.watchlists.anywhere');
  return (
    <Card withBorder padding="sm" data-testid="watchlist" aria-label={t('trader.watchlists.label', { commodity })}>
      <Stack gap={4}>
        <Text fw={700}>{commodity}</Text>
        <Text size="sm">
          {t('trader.watchlists.route', {
            origin: watchlist.originCode ? place(watchlist.originCode) : anywhere,
            destination: watchlist.destinationCode ? place(watchlist.destinationCode) : anywhere,
          })}
        </Text>
        {watchlist.minQuantity != null && (
          <Text size="sm">
            {t('trader.watchlists.minimum', {
              quantity: formatQuantity(watchlist.minQuantity, unit, language),
            })}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('trader.watchlists.since', { date: formatDayInZone(watchlist.createdAt, zone, language) })}
        </Text>
        {remove.error != null && (
          <Text size="sm" c="red.8" role="alert">
            {formError(remove.error, t)}
          </Text>
        )}
        {confirming ? (
          <Stack gap="xs" role="group" aria-label={t('trader.watchlists.deleteLabel', { commodity })}>
            <Text size="sm" fw={600}>
              {t('trader.watchlists.confirm', { commodity })}
            </Text>
            <Group grow>
              <Button color="red" mih={44} loading={remove.isPending} onClick={() => remove.mutate()}>
                {t('trader.watchlists.confirmDelete')}
              </Button>
              <Button variant="default" mih={44} onClick={() => setConfirming(false)}>
                {t('action.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group justify="flex-end">
            <Button
              variant="default"
              mih={44}
              aria-label={t('trader.watchlists.deleteLabel', { commodity })}
              onClick={() => setConfirming(true)}
            >
              {t('trader.watchlists.delete')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** A trader's watchlists: what it wants to hear of, and a form to add one. */
export function WatchlistsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const name = useCommodityName();
  const [formOpen, setFormOpen] = useState(false);
  const watchlists = useQuery({
    queryKey: ['watchlists'],
    queryFn: () => unwrap(api.GET('/api/v1/watchlists', { params: { query: { limit: 100 } } })),
  });
  const create = useMutation({
    mutationFn: (body: NewWatchlist) => unwrap(api.POST('/api/v1/watchlists', { body })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['watchlists'] });
      setFormOpen(false);
    },
  });
  const items = watchlists.data?.items ?? [];
  const place = useRegionNames(items.flatMap((w) => [w.originCode ?? '', w.destinationCode ?? '']));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('trader.watchlists.title')}</Title>
        <Button mih={44} onClick={() => setFormOpen((o) => !o)} variant={formOpen ? 'default' : 'filled'}>
          {formOpen ? t('action.cancel') : t('trader.watchlists.new')}
        </Button>
      </Group>
      <Text size="sm">{t('trader.watchlists.intro')}</Text>
      {formOpen && (
        <Card withBorder>
          <WatchlistForm onSubmit={(body) => create.mutate(body)} submitting={create.isPending} error={create.error} />
        </Card>
      )}
      <QueryState
        isPending={watchlists.isPending}
        error={watchlists.error}
        isEmpty={items.length === 0}
        empty={t('trader.watchlists.empty')}
      />
      {items.map((w) => (
        <WatchlistCard key={w.id} watchlist={w} commodity={name(w.commodityCode)} place={place} />
      ))}
    </Stack>
  );
}
