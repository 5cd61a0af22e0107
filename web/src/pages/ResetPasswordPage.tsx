import { Alert, Anchor, Button, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { fieldErrors, formError } from '../api/errors';

/** Asks for a reset link, or (from the emailed link, ?token=…) sets the new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const request = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/password-reset', { body: { email } })),
  });
  const confirm = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/auth/password-reset/confirm', {
          body: { token: token ?? '', password },
        }),
      ),
  });
  const current = token ? confirm : request;
  const errors = fieldErrors(current.error, t);
  return (
    <Stack component="form" onSubmit={(e) => (e.preventDefault(), current.mutate())}>
      <Title order={1}>{t('reset.title')}</Title>
      {current.isSuccess && (
        <Alert color="green" role="status">
          {token ? t('reset.done') : t('reset.sent')}
        </Alert>
      )}
      {current.error && !Object.keys(errors).length && (
        <Alert color="red" role="alert">
          {formError(current.error, t)}
        </Alert>
      )}
      {token ? (
        <PasswordInput
          label={t('field.newPassword')}
          description={t('field.passwordHint')}
          autoComplete="new-password"
          required
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
      ) : (
        <TextInput
          label={t('field.email')}
          type="email"
          required
          value={email}
          error={errors.email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
      )}
      <Button type="submit" loading={current.isPending}>
        {token ? t('reset.submitNew') : t('reset.submit')}
      </Button>
      <Anchor component={Link} to="/login" py="xs">
        {t('register.login')}
      </Anchor>
    </Stack>
  );
}
