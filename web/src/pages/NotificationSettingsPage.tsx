import { Alert, Button, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { FormAlert } from '../components/FormParts';
import { fieldErrors } from '../api/errors';
import { QueryState } from '../components/States';

type Route = Schemas['ChannelRouteDto'];

/**
 * Which kinds of notification also go out by WhatsApp or SMS (the inbox always gets them): one
 * choice per kind, saved together.
 */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const saved = useQuery({
    queryKey: ['channel-routes'],
    queryFn: () => unwrap(api.GET('/api/v1/channels/routes')),
  });
  const [routes, setRoutes] = useState<Route[]>([]);
  useEffect(() => {
    if (saved.data) setRoutes(saved.data.routes);
  }, [saved.data]);
  const save = useMutation({
    mutationFn: (body: Schemas['SetChannelRoutesDto']) => unwrap(api.PUT('/api/v1/channels/routes', { body })),
    onSuccess: (answer) => client.setQueryData(['channel-routes'], answer),
  });
  const errors = fieldErrors(save.error, t);
  const choose = (eventType: Route['eventType'], channel: Route['channel']) => {
    save.reset();
    setRoutes((all) => all.map((r) => (r.eventType === eventType ? { ...r, channel } : r)));
  };
  return (
    <Stack component="form" aria-label={t('settings.title')} onSubmit={(e) => (e.preventDefault(), save.mutate({ routes }))}>
      <Title order={2}>{t('settings.title')}</Title>
      <Text size="sm">{t('settings.intro')}</Text>
      <QueryState isPending={saved.isPending} error={saved.error} isEmpty={false} empty="" />
      <FormAlert error={save.error} fieldErrors={errors} />
      {routes.map((r) => (
        <Select
          key={r.eventType}
          label={t(`notification.${r.eventType}`, { defaultValue: r.eventType })}
          value={r.channel}
          allowDeselect={false}
          onChange={(v) => v && choose(r.eventType, v as Route['channel'])}
          data={(['none', 'whatsapp', 'sms'] as const).map((c) => ({ value: c, label: t(`settings.channel.${c}`) }))}
        />
      ))}
      {save.isSuccess && (
        <Alert color="green" role="status">
          {t('profile.saved')}
        </Alert>
      )}
      {routes.length > 0 && (
        <Button type="submit" loading={save.isPending}>
          {t('action.save')}
        </Button>
      )}
    </Stack>
  );
}
