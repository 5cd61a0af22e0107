import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { fieldErrors, formError } from '../api/errors';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/session', { body: { email, password } })),
    onSuccess: (me) => {
      client.setQueryData(['me'], me);
      navigate((location.state as { from?: string } | null)?.from ?? '/');
    },
  });
  const errors = fieldErrors(login.error, t);
  return (
    <Stack component="form" onSubmit={(e) => (e.preventDefault(), login.mutate())}>
      <Title order={1}>{t('login.title')}</Title>
      <Text c="dimmed">{t('app.tagline')}</Text>
      {login.error && !Object.keys(errors).length && (
        <Alert color="red" role="alert">
          {formError(login.error, t)}
        </Alert>
      )}
      <TextInput
        label={t('field.email')}
        type="email"
        autoComplete="email"
        required
        value={email}
        error={errors.email}
        onChange={(e) => setEmail(e.currentTarget.value)}
      />
      <PasswordInput
        label={t('field.password')}
        autoComplete="current-password"
        required
        value={password}
        error={errors.password}
        onChange={(e) => setPassword(e.currentTarget.value)}
      />
      <Button type="submit" loading={login.isPending}>
        {t('login.submit')}
      </Button>
      <Anchor component={Link} to="/register" py="xs">
        {t('login.register')}
      </Anchor>
      <Anchor component={Link} to="/reset-password" py="xs">
        {t('login.forgot')}
      </Anchor>
    </Stack>
  );
}
