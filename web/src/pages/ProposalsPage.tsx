import { Stack, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useCommodityName } from '../components/CommoditySelect';
import { ProposalCard, type DeclineReason } from '../components/ProposalCard';
import { QueryState } from '../components/States';

export function ProposalsPage() {
  const { t } = useTranslation();
  const name = useCommodityName();
  const client = useQueryClient();
  const matches = useQuery({
    queryKey: ['matches'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/matches', { params: { query: { status: 'proposed', limit: 50 } } })),
  });
  const refresh = () => {
    for (const key of ['matches', 'trades', 'listings', 'requests']) {
      void client.invalidateQueries({ queryKey: [key] });
    }
  };
  const accept = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/matches/{id}/accept', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const decline = useMutation({
    mutationFn: (v: { id: string; reason: DeclineReason; note?: string }) =>
      unwrap(
        api.POST('/api/v1/matches/{id}/decline', {
          params: { path: { id: v.id } },
          body: { reason: v.reason, ...(v.note ? { note: v.note } : {}) },
        }),
      ),
    onSuccess: refresh,
  });
  const items = matches.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('proposals.title')}</Title>
      <QueryState
        isPending={matches.isPending}
        error={matches.error}
        isEmpty={items.length === 0}
        empty={t('proposals.empty')}
      />
      {items.map((m) => (
        <ProposalCard
          key={m.id}
          match={m}
          commodityName={name(m.commodityCode)}
          busy={accept.isPending || decline.isPending}
          error={decline.variables?.id === m.id ? decline.error : undefined}
          onAccept={() => accept.mutate(m.id)}
          onDecline={(reason, note) => decline.mutate({ id: m.id, reason, note })}
        />
      ))}
    </Stack>
  );
}
