import { Badge, Button, Card, Group, List, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { fieldErrors } from '../api/errors';
import { localPlaceName, useRegionNames } from './regions';
import {
  formatDateTime,
  formatNumber,
  formatQuantity,
  formatRupiah,
  type Language,
} from '../format';
import { useZone } from '../session';

export type Match = Schemas['MatchView'];
export type DeclineReason = Schemas['DeclineMatchDto']['reason'];
const REASONS: DeclineReason[] = ['price', 'quantity', 'timing', 'quality', 'partner', 'other'];

/**
 * A proposal explained in plain words: how the landed cost adds up (price at origin, goods lost
 * on the way, transport, fees), the route leg by leg, the arrival date and the shelf life left
 * on arrival; for a buyer, the gain against the most it would pay. Accept, or decline with a
 * reason.
 */
export function ProposalCard({
  match,
  commodityName,
  onAccept,
  onDecline,
  busy,
  error,
}: {
  match: Match;
  commodityName: string;
  onAccept: () => void;
  onDecline: (reason: DeclineReason, note?: string) => void;
  busy: boolean;
  error?: unknown;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const rp = (n: number | string) => formatRupiah(n, language);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState<DeclineReason | null>(null);
  const [note, setNote] = useState('');
  const b = match.landedCostBreakdown;
  const mine = match.role === 'supplier' ? match.supplierDecision : match.buyerDecision;
  const errors = fieldErrors(error, t);
  // The API names each place of the route (ports and airports by their real names); codes it
  // could not name fall back to the region lookup.
  const place = useRegionNames(
    match.route.flatMap((leg) => [leg.fromName ? '' : leg.from, leg.toName ? '' : leg.to]),
  );
  // Times in the reader's own zone (WIB, WITA, WIT), with the hour: a departure at 23:00 UTC is
  // already the next morning in Batam.
  const zone = useZone();
  const at = (iso: string) => formatDateTime(iso, zone, language);
  return (
    <Card
      withBorder
      padding="md"
      data-testid="proposal"
      aria-label={t('proposal.label', { commodity: commodityName })}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Text fw={700}>
            {commodityName} · {formatQuantity(match.quantity, 'kg', language)}
          </Text>
          <Badge color={match.status === 'confirmed' ? 'teal' : 'blue'} style={{ flexShrink: 0 }}>
            {t(`matchStatus.${match.status}`)}
          </Badge>
        </Group>
        {match.counterparty && (
          <Text size="sm">
            {t(match.role === 'supplier' ? 'proposal.buyer' : 'proposal.supplier', {
              name: match.counterparty.name,
            })}
          </Text>
        )}
        {/* The supplier is paid its asking price on what it ships. The landed cost is the buyer's,
            and as the first bold line of a cooperative's card it read as the deal's price. */}
        {match.role === 'supplier' ? (
          <>
            <Text fw={600}>
              {t('proposal.youReceive', {
                amount: rp(match.pricePerUnit * match.quantity),
                quantity: formatQuantity(match.quantity, 'kg', language),
                price: rp(match.pricePerUnit),
              })}
            </Text>
            <Text size="sm" fw={600}>
              {t('proposal.landedCostForBuyer', { cost: rp(match.landedCostPerUnit) })}
            </Text>
          </>
        ) : (
          <Text fw={600}>{t('proposal.landedCost', { cost: rp(match.landedCostPerUnit) })}</Text>
        )}
        <List size="sm" spacing={2}>
          <List.Item>{t('proposal.priceAtOrigin', { amount: rp(b.pricePerUnit) })}</List.Item>
          <List.Item>
            {t('proposal.shrink', {
              amount: rp(b.shrinkPerUnit),
              percent: Math.round(match.shrinkRate * 1000) / 10,
            })}
          </List.Item>
          <List.Item>{t('proposal.transport', { amount: rp(b.transportPerUnit) })}</List.Item>
          <List.Item>{t('proposal.fees', { amount: rp(b.feesPerUnit) })}</List.Item>
        </List>
        <Text size="sm" fw={600}>
          {t('proposal.route', { km: formatNumber(match.distanceKm, language, 0) })}
        </Text>
        <List size="sm" spacing={2}>
          {match.route.map((leg, i) => (
            <List.Item key={i}>
              {t('proposal.leg', {
                kind: t(`leg.${leg.kind}`, { defaultValue: leg.kind }),
                from: leg.fromName ? localPlaceName(leg.fromName, leg.from, t) : place(leg.from),
                to: leg.toName ? localPlaceName(leg.toName, leg.to, t) : place(leg.to),
                hours: Math.round(leg.hours),
              })}
            </List.Item>
          ))}
        </List>
        <Text size="sm">
          {t('proposal.arrival', {
            departure: at(match.departureDate),
            arrival: at(match.arrivalDate),
          })}
        </Text>
        {match.status === 'proposed' && (
          <Text size="sm" c="dimmed">
            {t('trader.dates.answerBy', { at: at(match.expiresAt) })}
          </Text>
        )}
        <Text size="sm">
          {t('proposal.shelfLife', {
            count: match.shelfLifeDaysOnArrival,
            days: formatNumber(match.shelfLifeDaysOnArrival, language),
          })}
        </Text>
        {match.chilledShelfLifeDaysOnArrival != null && (
          <Text size="sm">
            {t('proposal.chilledShelfLife', {
              count: match.chilledShelfLifeDaysOnArrival,
              days: formatNumber(match.chilledShelfLifeDaysOnArrival, language),
            })}
          </Text>
        )}
        {match.coldChain != null && (
          <Text size="sm" c={match.coldChain === 'broken' ? 'orange.9' : undefined}>
            {t(`proposal.coldChain.${match.coldChain}`, {
              days: formatNumber(match.coldChainBreakShelfDays ?? 0, language),
            })}
          </Text>
        )}
        {match.role === 'buyer' && match.gainPerUnit != null && match.gainPerUnit > 0 && (
          <Text size="sm" c="teal.9" fw={600}>
            {t('proposal.gain', { amount: rp(match.gainPerUnit ?? 0) })}
          </Text>
        )}
        {match.role !== 'supplier' && (
          <Text size="sm" fw={600}>
            {t('proposal.total', { amount: rp(match.totalLandedCost) })}
          </Text>
        )}
        {match.status === 'proposed' && mine === 'pending' && !declining && (
          <Group grow>
            <Button onClick={onAccept} loading={busy}>
              {t('proposal.accept')}
            </Button>
            <Button variant="default" onClick={() => setDeclining(true)}>
              {t('proposal.decline')}
            </Button>
          </Group>
        )}
        {match.status === 'proposed' && mine === 'accepted' && (
          <Text size="sm" c="dimmed">
            {t('proposal.waiting')}
          </Text>
        )}
        {declining && (
          <Stack
            gap="xs"
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason) onDecline(reason, note.trim() || undefined);
            }}
          >
            <Select
              label={t('proposal.reason')}
              required
              value={reason}
              onChange={(v) => setReason(v as DeclineReason | null)}
              error={errors.reason}
              data={REASONS.map((r) => ({ value: r, label: t(`reason.${r}`) }))}
            />
            <Textarea
              label={t('proposal.note')}
              value={note}
              error={errors.note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Group grow>
              <Button type="submit" color="red" loading={busy} disabled={!reason}>
                {t('proposal.confirmDecline')}
              </Button>
              <Button variant="default" onClick={() => setDeclining(false)}>
                {t('action.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
