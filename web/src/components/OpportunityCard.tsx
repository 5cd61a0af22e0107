import { Button, Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  formatDateTime,
  formatQuantity,
  formatRupiah,
  type Language,
  type QuantityUnit,
  type Zone,
} from '../format';

/** The data of an `opportunity.matched` notification (src/notifications/notification.fanout.ts). */
export interface Opportunity {
  commodityCode: string;
  grade: string | null;
  quantity: number;
  originRegionCode: string;
  destinationRegionCode: string;
  transportMode: string;
  arrivalDate: string;
  landedCostPerUnit: number;
}

/** The inbox types its data loosely (one shape per notification type): check before reading. */
export function asOpportunity(data: Record<string, unknown>): Opportunity | null {
  const ok =
    typeof data.commodityCode === 'string' &&
    typeof data.quantity === 'number' &&
    typeof data.originRegionCode === 'string' &&
    typeof data.destinationRegionCode === 'string' &&
    typeof data.transportMode === 'string' &&
    typeof data.arrivalDate === 'string' &&
    typeof data.landedCostPerUnit === 'number';
  return ok ? (data as unknown as Opportunity) : null;
}

/**
 * An opportunity in plain words: what and how much (in the trader's unit), from where to where
 * and how, the landed cost per kg, when it arrives (in the trader's zone), and the way to act on
 * it: offer supply of the same commodity.
 */
export function OpportunityCard({
  opportunity,
  createdAt,
  unread,
  commodity,
  place,
  unit,
  zone,
}: {
  opportunity: Opportunity;
  createdAt: string;
  unread: boolean;
  commodity: string;
  place: (code: string) => string;
  unit: QuantityUnit;
  zone: Zone;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const o = opportunity;
  return (
    <Card withBorder padding="sm" data-testid="opportunity" aria-label={t('trader.opportunities.label', { commodity })}>
      <Stack gap={4}>
        <Text fw={unread ? 700 : 600}>
          {t('trader.opportunities.headline', {
            commodity,
            grade: o.grade ? t('trader.opportunities.grade', { grade: o.grade }) : '',
            quantity: formatQuantity(o.quantity, unit, language),
          })}
        </Text>
        <Text size="sm">
          {t('trader.opportunities.route', {
            origin: place(o.originRegionCode),
            destination: place(o.destinationRegionCode),
            transport: t(`whyNot.transport.${o.transportMode}`, { defaultValue: o.transportMode }),
          })}
        </Text>
        <Text size="sm" fw={600}>
          {t('trader.opportunities.landed', { landed: formatRupiah(o.landedCostPerUnit, language) })}
        </Text>
        <Text size="sm">
          {t('trader.opportunities.arrival', { arrival: formatDateTime(o.arrivalDate, zone, language) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('trader.opportunities.seen', { at: formatDateTime(createdAt, zone, language) })}
        </Text>
        <Button
          component={Link}
          to={`/listings?commodity=${encodeURIComponent(o.commodityCode)}`}
          mih={44}
          h="auto"
          py={8}
          mt={4}
          // A long commodity name wraps on a 360 px phone rather than being cut off.
          styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
        >
          {t('trader.opportunities.act', { commodity })}
        </Button>
      </Stack>
    </Card>
  );
}
