import { Alert, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { fieldErrors, formError } from '../api/errors';
import { useMe } from '../session';

/** The organization and the contact its counterparts see on a trade (owners may change it). */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const org = me.data?.organization;
  const [contactName, setContactName] = useState(org?.contactName ?? '');
  const [phone, setPhone] = useState(org?.phone ?? '');
  const [email, setEmail] = useState(org?.email ?? '');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/organizations/me', {
          body: { contactName, phone: phone || undefined, email: email || undefined },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['me'] }),
  });
  const errors = fieldErrors(save.error, t);
  if (!me.data || !org) return null;
  return (
    <Stack>
      <Title order={2}>{t('profile.title')}</Title>
      <Card withBorder>
        <Text fw={700}>{org.name}</Text>
        <Text size="sm">
          {t(`orgType.${org.type}`)} · {org.regionCode}
        </Text>
        <Text size="sm">{t(`verification.${org.verificationStatus}`)}</Text>
        <Text size="sm" c="dimmed">
          {me.data.user.name} · {me.data.user.email}
        </Text>
        {!me.data.user.emailVerified && (
          <Alert color="yellow" mt="xs" role="status">
            {t('profile.verifyEmail')}
          </Alert>
        )}
      </Card>
      <Stack component="form" onSubmit={(e) => (e.preventDefault(), save.mutate())}>
        <Title order={3}>{t('profile.contact')}</Title>
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t('profile.saved')}
          </Alert>
        )}
        {save.error && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {formError(save.error, t)}
          </Alert>
        )}
        <TextInput label={t('field.contactName')} value={contactName} error={errors.contactName} onChange={(e) => setContactName(e.currentTarget.value)} />
        <TextInput label={t('field.phone')} type="tel" value={phone} error={errors.phone} onChange={(e) => setPhone(e.currentTarget.value)} />
        <TextInput label={t('field.contactEmail')} type="email" value={email} error={errors.email} onChange={(e) => setEmail(e.currentTarget.value)} />
        <Button type="submit" loading={save.isPending}>
          {t('action.save')}
        </Button>
      </Stack>
    </Stack>
  );
}
