import { Anchor, Badge, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useCommodityName } from '../components/CommoditySelect';
import { asOpportunity, OpportunityCard } from '../components/OpportunityCard';
import { useRegionNames } from '../components/regions';
import { QueryState } from '../components/States';
import type { QuantityUnit } from '../format';
import { useZone } from '../session';
import { useQuantityUnit } from '../unit';

/**
 * A trader's live feed: the proposals its watchlists cover, newest first. The shell's live
 * stream refreshes every query under `notifications` when an opportunity arrives, so a new one
 * shows without a reload.
 */
export function OpportunitiesPage() {
  const { t } = useTranslation();
  const zone = useZone();
  const name = useCommodityName();
  const [unit, setUnit] = useQuantityUnit();
  const feed = useQuery({
    queryKey: ['notifications', 'opportunity.matched'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/notifications', {
          params: { query: { type: 'opportunity.matched', limit: 50 } },
        }),
      ),
  });
  const watchlists = useQuery({
    queryKey: ['watchlists'],
    queryFn: () => unwrap(api.GET('/api/v1/watchlists', { params: { query: { limit: 100 } } })),
  });
  const items = (feed.data?.items ?? []).flatMap((n) => {
    const opportunity = asOpportunity(n.data);
    return opportunity ? [{ notification: n, opportunity }] : [];
  });
  const place = useRegionNames(
    items.flatMap(({ opportunity: o }) => [o.originRegionCode, o.destinationRegionCode]),
  );
  const noWatchlists = watchlists.data?.items.length === 0;
  return (
    <Stack>
      <Group justify="space-between" align="center">
        <Group gap="xs">
          <Title order={2}>{t('trader.opportunities.title')}</Title>
          <Badge color="teal.9" variant="filled">
            {t('trader.opportunities.live')}
          </Badge>
        </Group>
        <SegmentedControl
          aria-label={t('trader.opportunities.unit')}
          value={unit}
          // Each unit is a touch target of at least 44 px.
          styles={{ label: { minHeight: 44, minWidth: 44, display: 'flex', alignItems: 'center', justifyContent: 'center' } }}
          onChange={(value) => setUnit(value as QuantityUnit)}
          data={(['kg', 'kuintal', 'ton'] as const).map((u) => ({ value: u, label: t(`unit.${u}`) }))}
        />
      </Group>
      <Text size="sm">{t('trader.opportunities.intro')}</Text>
      {noWatchlists && (
        <Text size="sm">
          {t('trader.opportunities.noWatchlists')}{' '}
          <Anchor component={Link} to="/watchlists" fw={600} td="underline">
            {t('trader.opportunities.createWatchlist')}
          </Anchor>
        </Text>
      )}
      <QueryState
        isPending={feed.isPending}
        error={feed.error}
        isEmpty={items.length === 0}
        empty={t('trader.opportunities.empty')}
      />
      <Stack gap="sm" aria-live="polite">
        {items.map(({ notification: n, opportunity }) => (
          <OpportunityCard
            key={n.id}
            opportunity={opportunity}
            createdAt={n.createdAt}
            unread={!n.readAt}
            commodity={name(opportunity.commodityCode)}
            place={place}
            unit={unit}
            zone={zone}
          />
        ))}
      </Stack>
    </Stack>
  );
}
