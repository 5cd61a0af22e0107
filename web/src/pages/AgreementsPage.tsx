import '@mantine/charts/styles.css';
import { Button, Card, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { AgreementCard } from '../components/government/AgreementCard';
import { AgreementForm, type NewAgreement } from '../components/government/AgreementForm';
import { agreementGroup, type AgreementGroup } from '../components/government/agreement-state';
import { QueryState } from '../components/States';
import { useMe } from '../session';

const GROUPS: AgreementGroup[] = ['inForce', 'proposed', 'ended'];

/**
 * A government's agreements with other regions: those in force, those proposed (by it or to
 * it, to accept), those ended; proposing a new one; each with its fulfilment per week.
 */
export default function AgreementsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const regionCode = me.data?.organization.regionCode ?? '';
  const organizationId = me.data?.organization.id ?? '';
  const [formOpen, setFormOpen] = useState(false);
  const [tab, setTab] = useState<string | null>(null);
  const agreements = useQuery({
    queryKey: ['agreements', regionCode],
    queryFn: () =>
      unwrap(api.GET('/api/v1/agreements', { params: { query: { regionCode, limit: 100 } } })),
    enabled: !!regionCode,
  });
  const propose = useMutation({
    mutationFn: (body: NewAgreement) => unwrap(api.POST('/api/v1/agreements', { body })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['agreements'] });
      setFormOpen(false);
      setTab('proposed');
    },
  });
  const items = agreements.data?.items ?? [];
  const grouped = Object.fromEntries(
    GROUPS.map((g) => [g, items.filter((a) => agreementGroup(a) === g)]),
  ) as Record<AgreementGroup, typeof items>;
  // Open where there is something to do: proposals waiting for an answer first.
  const shown =
    tab ?? (grouped.proposed.length > 0 && grouped.inForce.length === 0 ? 'proposed' : 'inForce');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('government.agreementsTitle')}</Title>
        <Button onClick={() => setFormOpen((o) => !o)} variant={formOpen ? 'default' : 'filled'}>
          {formOpen ? t('action.cancel') : t('government.propose')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('government.agreementsIntro')}
      </Text>
      {formOpen && regionCode && (
        <Card withBorder>
          <AgreementForm
            myRegionCode={regionCode}
            onSubmit={(body) => propose.mutate(body)}
            submitting={propose.isPending}
            error={propose.error}
          />
        </Card>
      )}
      <Tabs value={shown} onChange={setTab} keepMounted={false}>
        <Tabs.List grow>
          {GROUPS.map((g) => (
            <Tabs.Tab key={g} value={g} mih={44}>
              {t(`government.group.${g}`, { count: grouped[g].length })}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {GROUPS.map((g) => (
          <Tabs.Panel key={g} value={g} pt="md">
            <Stack>
              <QueryState
                isPending={agreements.isPending}
                error={agreements.error}
                isEmpty={grouped[g].length === 0}
                empty={t(`government.empty.${g}`)}
              />
              {grouped[g].map((a) => (
                <AgreementCard key={a.id} agreement={a} organizationId={organizationId} />
              ))}
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
