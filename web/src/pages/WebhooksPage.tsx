import { Alert, Badge, Button, Card, Code, Group, MultiSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { fieldErrors } from '../api/errors';
import { FormAlert } from '../components/FormParts';
import { QueryState } from '../components/States';
import { formatDateTime, type Language } from '../format';
import { useZone } from '../session';

type EventType = Schemas['CreateWebhookDto']['eventTypes'][number];
const EVENT_TYPES: EventType[] = [
  'match.proposed',
  'match.accepted',
  'match.confirmed',
  'match.declined',
  'match.expired',
  'match.superseded',
  'trade.updated',
  'opportunity.matched',
  'webhook.disabled',
  'organization.verified',
  'organization.rejected',
  'agreement.proposed',
  'agreement.accepted',
  'agreement.declined',
  'agreement.withdrawn',
  'agreement.ending',
  'agreement.behind',
];

/** A new endpoint: its https address and the events it wants. */
export function WebhookForm({
  onSubmit,
  submitting,
  error,
}: {
  onSubmit: (body: Schemas['CreateWebhookDto']) => void;
  submitting: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [eventTypes, setEventTypes] = useState<string[]>(['match.proposed', 'match.confirmed']);
  const errors = fieldErrors(error, t);
  return (
    <Stack
      component="form"
      aria-label={t('webhooks.new')}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ url: url.trim(), eventTypes: eventTypes as EventType[] });
      }}
    >
      <FormAlert error={error} fieldErrors={errors} />
      <TextInput
        label={t('webhooks.url')}
        type="url"
        required
        placeholder="https://erp.example.go.id/jembatan"
        value={url}
        error={errors.url}
        onChange={(e) => setUrl(e.currentTarget.value)}
      />
      <MultiSelect
        label={t('webhooks.events')}
        required
        value={eventTypes}
        onChange={setEventTypes}
        error={errors.eventTypes}
        data={EVENT_TYPES.map((value) => ({ value, label: value }))}
      />
      <Button type="submit" loading={submitting}>
        {t('webhooks.submit')}
      </Button>
    </Stack>
  );
}

/**
 * For technical users: webhook endpoints that receive the organization's events, signed with
 * a secret shown once (on creation), with the recent deliveries of each.
 */
export function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const zone = useZone();
  const client = useQueryClient();
  const [created, setCreated] = useState<Schemas['WebhookView'] | null>(null);
  const hooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => unwrap(api.GET('/api/v1/webhooks', { params: { query: { limit: 50 } } })),
  });
  const create = useMutation({
    mutationFn: (body: Schemas['CreateWebhookDto']) => unwrap(api.POST('/api/v1/webhooks', { body })),
    onSuccess: async (hook) => {
      setCreated(hook);
      await client.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  const items = hooks.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('webhooks.title')}</Title>
      <Text size="sm">{t('webhooks.intro')}</Text>
      <Card withBorder>
        <WebhookForm onSubmit={(body) => create.mutate(body)} submitting={create.isPending} error={create.error} />
      </Card>
      {created?.secret && (
        <Alert color="blue" role="status" title={t('webhooks.secretTitle')}>
          <Text size="sm">{t('webhooks.secretOnce')}</Text>
          <Code block>{created.secret}</Code>
        </Alert>
      )}
      <QueryState isPending={hooks.isPending} error={hooks.error} isEmpty={items.length === 0} empty={t('webhooks.empty')} />
      {items.map((hook) => (
        <Card key={hook.id} withBorder padding="sm" data-testid="webhook">
          <Group justify="space-between" align="flex-start" gap="xs">
            <Text fw={600} style={{ wordBreak: 'break-all', flex: 1, minWidth: 0 }}>
              {hook.url}
            </Text>
            <Badge color={hook.enabled ? 'teal' : 'red'} style={{ flexShrink: 0 }}>
              {hook.enabled ? t('webhooks.enabled') : t('webhooks.disabled')}
            </Badge>
          </Group>
          {hook.disabledReason && <Text size="sm">{hook.disabledReason}</Text>}
          <Text size="sm">{hook.eventTypes.join(', ')}</Text>
          <Text size="sm" c="dimmed">
            {t('webhooks.since', { date: formatDateTime(hook.createdAt, zone, i18n.language as Language) })}
          </Text>
          <Group mt="xs">
            <Button variant="default" color="red" loading={remove.isPending && remove.variables === hook.id} onClick={() => remove.mutate(hook.id)}>
              {t('webhooks.delete')}
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
