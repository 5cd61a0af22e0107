import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useCommodityName } from '../components/CommoditySelect';
import { summarizeNotification } from '../components/notification-summary';
import { QueryState } from '../components/States';
import { formatDateTime, formatQuantity, type Language } from '../format';
import { useZone } from '../session';

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const zone = useZone();
  const name = useCommodityName();
  const language = i18n.language as Language;
  const client = useQueryClient();
  const inbox = useQuery({
    queryKey: ['notifications'],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: 50 } } })),
  });
  const read = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['notifications'] });
      void client.invalidateQueries({ queryKey: ['unread'] });
    },
  });
  const items = inbox.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('inbox.title')}</Title>
      <QueryState
        isPending={inbox.isPending}
        error={inbox.error}
        isEmpty={items.length === 0}
        empty={t('inbox.empty')}
      />
      {items.map((n) => {
        const about = summarizeNotification(n.type, n.data);
        return (
          <Card key={n.id} withBorder padding="sm" data-testid="notification">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Text fw={n.readAt ? 400 : 700}>
                  {t(`notification.${n.type}`, { defaultValue: n.type })}
                </Text>
                {about && (
                  <Text size="sm">
                    {[
                      name(about.commodityCode),
                      formatQuantity(about.quantity, 'kg', language),
                      about.counterpartyName,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                )}
                <Text size="sm" c="dimmed">
                  {formatDateTime(n.createdAt, zone, language)}
                </Text>
                {about && (
                  <Anchor component={Link} to={about.path} size="sm" py={4}>
                    {t(about.path === '/proposals' ? 'inbox.openProposals' : 'inbox.openTrades')}
                  </Anchor>
                )}
              </Stack>
              {!n.readAt && (
                <Button variant="default" size="sm" style={{ flexShrink: 0 }} onClick={() => read.mutate(n.id)}>
                  {t('inbox.markRead')}
                </Button>
              )}
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}
