import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { QueryState } from '../components/States';
import { formatDateTime, type Language } from '../format';
import { useZone } from '../session';

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const zone = useZone();
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
      {items.map((n) => (
        <Card key={n.id} withBorder padding="sm" data-testid="notification">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Text fw={n.readAt ? 400 : 700}>
                {t(`notification.${n.type}`, { defaultValue: n.type })}
              </Text>
              <Text size="sm" c="dimmed">
                {formatDateTime(n.createdAt, zone, i18n.language as Language)}
              </Text>
            </Stack>
            {!n.readAt && (
              <Button variant="default" size="sm" style={{ flexShrink: 0 }} onClick={() => read.mutate(n.id)}>
                {t('inbox.markRead')}
              </Button>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
