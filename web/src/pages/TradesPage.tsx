import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../api/client';
import { useCommodityName } from '../components/CommoditySelect';
import { QueryState } from '../components/States';
import { formatDateTime, formatQuantity, formatRupiah, type Language } from '../format';
import { useZone } from '../session';

type Trade = Schemas['TradeView'];
type Contact = Schemas['ContactView'];

function ContactBlock({ title, contact }: { title: string; contact: Contact }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {title}: {contact.organizationName}
      </Text>
      {contact.personName && <Text size="sm">{contact.personName}</Text>}
      {contact.phone && (
        <Text size="sm" component="a" href={`tel:${contact.phone}`}>
          {contact.phone}
        </Text>
      )}
      {contact.email && (
        <Text size="sm" component="a" href={`mailto:${contact.email}`}>
          {contact.email}
        </Text>
      )}
    </Stack>
  );
}

/** The next step a party can take on a trade (ship for the supplier, delivery for the buyer). */
function nextStep(trade: Trade): 'shipped' | 'delivered' | null {
  if (trade.role === 'supplier' && trade.status === 'confirmed') return 'shipped';
  if (trade.role === 'buyer' && trade.status === 'shipped') return 'delivered';
  return null;
}

export function TradesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const zone = useZone();
  const name = useCommodityName();
  const client = useQueryClient();
  const trades = useQuery({
    queryKey: ['trades'],
    queryFn: () => unwrap(api.GET('/api/v1/trades', { params: { query: { limit: 50 } } })),
  });
  const step = useMutation({
    mutationFn: (v: { trade: Trade; status: 'shipped' | 'delivered' }) =>
      unwrap(
        api.PATCH('/api/v1/trades/{id}', {
          params: { path: { id: v.trade.id } },
          body:
            v.status === 'delivered'
              ? { status: 'delivered', receivedQuantity: v.trade.quantityShipped || v.trade.quantity }
              : { status: 'shipped' },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['trades'] }),
  });
  const items = trades.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('trades.title')}</Title>
      <QueryState
        isPending={trades.isPending}
        error={trades.error}
        isEmpty={items.length === 0}
        empty={t('trades.empty')}
      />
      {items.map((trade) => {
        const next = nextStep(trade);
        return (
          <Card key={trade.id} withBorder padding="md" data-testid="trade">
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={700}>
                  {name(trade.commodityCode)} · {formatQuantity(trade.quantity, 'kg', language)}
                </Text>
                <Badge style={{ flexShrink: 0 }}>{t(`tradeStatus.${trade.status}`)}</Badge>
              </Group>
              <Text size="sm">
                {t('trades.total', { amount: formatRupiah(trade.totalPrice, language) })}
              </Text>
              <Text size="sm">
                {t('proposal.arrival', {
                  departure: formatDateTime(trade.departureDate, zone, language),
                  arrival: formatDateTime(trade.arrivalDate, zone, language),
                })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('trader.dates.confirmed', { at: formatDateTime(trade.createdAt, zone, language) })}
              </Text>
              {trade.contacts && (
                <Group align="flex-start" grow>
                  <ContactBlock title={t('trades.supplier')} contact={trade.contacts.supplier} />
                  <ContactBlock title={t('trades.buyer')} contact={trade.contacts.buyer} />
                </Group>
              )}
              {next && (
                <Button onClick={() => step.mutate({ trade, status: next })} loading={step.isPending}>
                  {t(`trades.mark.${next}`)}
                </Button>
              )}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
