import { Alert, Center, Loader, Text } from '@mantine/core';
import { useNetwork } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formError } from '../api/errors';

/**
 * The spinner while something loads, announced as a status: Mantine's Loader is a bare span, and
 * a label on an element without a role is one screen readers skip (axe: aria-prohibited-attr).
 */
export function LoadingIndicator() {
  const { t } = useTranslation();
  return <Loader role="status" aria-label={t('state.loading')} />;
}

/** Loading, error/offline and empty states, the same on every page. */
export function QueryState({
  isPending,
  error,
  isEmpty,
  empty,
}: {
  isPending: boolean;
  error: unknown;
  isEmpty: boolean;
  empty: string;
}) {
  const { t } = useTranslation();
  const network = useNetwork();
  if (!network.online) {
    return (
      <Alert color="yellow" title={t('state.offlineTitle')} role="status">
        {t('state.offline')}
      </Alert>
    );
  }
  if (isPending)
    return (
      <Center p="lg">
        <LoadingIndicator />
      </Center>
    );
  if (error)
    return (
      <Alert color="red" role="alert">
        {formError(error, t)}
      </Alert>
    );
  if (isEmpty)
    return (
      <Text c="dimmed" role="status">
        {empty}
      </Text>
    );
  return null;
}
