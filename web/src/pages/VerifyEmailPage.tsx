import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { formError } from '../api/errors';
import { LoadingIndicator } from '../components/States';

/** The page the verification email links to: /verify-email?token=… */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const client = useQueryClient();
  const token = params.get('token') ?? '';
  const verify = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/verify-email', { body: { token } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['me'] }),
  });
  const { mutate } = verify;
  // A token works once: React's StrictMode runs effects twice in development, so remember it.
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (token && sent.current !== token) {
      sent.current = token;
      mutate();
    }
  }, [token, mutate]);
  return (
    <Stack>
      <Title order={1}>{t('verify.title')}</Title>
      {verify.isPending && <LoadingIndicator />}
      {verify.isSuccess && (
        <Alert color="green" role="status">
          {t('verify.done')}
        </Alert>
      )}
      {(verify.isError || !token) && (
        <Alert color="red" role="alert">
          {token ? formError(verify.error, t) : t('verify.noToken')}
        </Alert>
      )}
      <Anchor component={Link} to="/" py="xs">
        {t('verify.continue')}
      </Anchor>
    </Stack>
  );
}
