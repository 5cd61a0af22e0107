import {
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formError } from '../../api/errors';
import { formatDayInZone, formatRupiah, zoneOfRegion, type Language } from '../../format';
import { useCommodityName } from '../CommoditySelect';
import { QueryState } from '../States';
import { agreementActions, agreementGroup, type Agreement } from './agreement-state';
import { fulfilmentPoints, reportedCommodities } from './fulfilment-data';
import { FulfilmentChart } from './FulfilmentChart';
import { formatTonnes } from './quantities';

const WIB = zoneOfRegion('31');

export function useRegionName(code: string) {
  const region = useQuery({
    queryKey: ['region', code],
    queryFn: () => unwrap(api.GET('/api/v1/regions/{code}', { params: { path: { code } } })),
    enabled: !!code,
    staleTime: Infinity,
  });
  return region.data?.name ?? code;
}

function RegionName({ code }: { code: string }) {
  return <>{useRegionName(code)}</>;
}

/** The report per week, fetched when the reader opens it (one query per open agreement). */
function Fulfilment({ agreement }: { agreement: Agreement }) {
  const { t, i18n } = useTranslation();
  const commodityName = useCommodityName();
  const report = useQuery({
    queryKey: ['agreement-fulfilment', agreement.id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agreements/{id}/fulfilment', {
          params: { path: { id: agreement.id }, query: {} },
        }),
      ),
  });
  const periods = report.data ?? [];
  const commodities = reportedCommodities(periods);
  const [picked, setPicked] = useState<string | null>(null);
  const commodity = picked ?? commodities[0] ?? null;
  return (
    <Stack gap="sm" pt="sm">
      <QueryState
        isPending={report.isPending}
        error={report.error}
        isEmpty={periods.length === 0}
        empty={t('government.fulfilment.empty')}
      />
      {commodities.length > 1 && (
        <SegmentedControl
          aria-label={t('field.commodity')}
          value={commodity ?? ''}
          onChange={setPicked}
          data={commodities.map((c) => ({ value: c, label: commodityName(c) }))}
        />
      )}
      {commodity && (
        <FulfilmentChart
          commodityName={commodityName(commodity)}
          points={fulfilmentPoints(
            periods,
            commodity,
            t('government.weekWord'),
            i18n.language as Language,
          )}
        />
      )}
    </Stack>
  );
}

type Step = 'accept' | 'decline' | 'withdraw' | 'end';

/**
 * One agreement as a party or a neighbour reads it: the two regions, who proposed it, the
 * volumes, the price band, the validity, what the reader may do, and its fulfilment per week.
 */
export function AgreementCard({
  agreement: a,
  organizationId,
}: {
  agreement: Agreement;
  organizationId: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const commodityName = useCommodityName();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState<Step | null>(null);
  const group = agreementGroup(a);
  const can = agreementActions(a, organizationId);
  const step = useMutation({
    mutationFn: (s: Step) =>
      unwrap(
        s === 'accept'
          ? api.POST('/api/v1/agreements/{id}/accept', { params: { path: { id: a.id } } })
          : api.POST('/api/v1/agreements/{id}/end', { params: { path: { id: a.id } } }),
      ),
    onSuccess: async () => {
      setConfirming(null);
      await client.invalidateQueries({ queryKey: ['agreements'] });
    },
  });
  const ours = a.organizationId === organizationId;
  const party = ours || a.counterpartOrganizationId === organizationId;
  const day = (iso: string) => formatDayInZone(iso, WIB, language);
  const noticeEnd = new Date(Date.now() + a.noticeDays * 24 * 3600_000);
  const endsBy = noticeEnd < new Date(a.validUntil) ? noticeEnd.toISOString() : a.validUntil;
  const statusLabel =
    group === 'ended'
      ? t(`government.status.${a.status === 'in_force' ? 'expired' : a.status}`)
      : a.endNoticeAt
        ? t('government.status.ending')
        : t(`government.status.${group}`);
  return (
    <Card withBorder padding="sm" data-testid="agreement">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text fw={700}>{a.title}</Text>
        <Badge
          color={group === 'inForce' ? 'teal' : group === 'proposed' ? 'blue' : 'gray'}
          style={{ flexShrink: 0 }}
        >
          {statusLabel}
        </Badge>
      </Group>
      <Text size="sm">
        <RegionName code={a.regionCodes[0]!} /> ↔ <RegionName code={a.regionCodes[1]!} />
      </Text>
      <Text size="sm" c="dimmed">
        {party
          ? ours
            ? t('government.proposedByUs')
            : t('government.proposedByThem')
          : t('government.notParty')}
      </Text>
      {a.commitments.map((c) => (
        <Text size="sm" key={c.commodityCode}>
          {t('government.commitment', {
            commodity: commodityName(c.commodityCode),
            volume: formatTonnes(c.quantityPerPeriod, 'kg', language),
          })}
        </Text>
      ))}
      {a.commitments.length === 0 && (
        <Text size="sm">{a.commodityCodes.map(commodityName).join(', ')}</Text>
      )}
      {(a.priceFloorPerUnit !== null || a.priceCeilingPerUnit !== null) && (
        <Text size="sm">
          {t('government.priceBand', {
            floor: a.priceFloorPerUnit === null ? '–' : formatRupiah(a.priceFloorPerUnit, language),
            ceiling:
              a.priceCeilingPerUnit === null ? '–' : formatRupiah(a.priceCeilingPerUnit, language),
          })}
        </Text>
      )}
      <Text size="sm">
        {t('government.validity', { from: day(a.validFrom), until: day(a.validUntil) })}
      </Text>
      {a.endNoticeAt && (
        <Text size="sm" c="red.9">
          {t('government.noticeGiven', { date: day(a.endNoticeAt), until: day(a.validUntil) })}
        </Text>
      )}
      <Group gap="xs" mt="xs">
        {group !== 'proposed' && (
          <Button variant="outline" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {open ? t('government.hideFulfilment') : t('government.showFulfilment')}
          </Button>
        )}
        {can.accept && (
          <Button
            onClick={() => step.mutate('accept')}
            loading={step.isPending && step.variables === 'accept'}
          >
            {t('government.accept')}
          </Button>
        )}
        {can.decline && (
          <Button variant="default" onClick={() => setConfirming('decline')}>
            {t('government.decline')}
          </Button>
        )}
        {can.withdraw && (
          <Button variant="default" onClick={() => setConfirming('withdraw')}>
            {t('government.withdraw')}
          </Button>
        )}
        {can.end && (
          <Button variant="default" onClick={() => setConfirming('end')}>
            {t('government.end')}
          </Button>
        )}
      </Group>
      {step.error && !confirming ? (
        <Text size="sm" c="red.9" role="alert">
          {formError(step.error, t)}
        </Text>
      ) : null}
      <Collapse expanded={open}>{open && <Fulfilment agreement={a} />}</Collapse>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? t(`government.confirm.${confirming}Title`) : ''}
      >
        <Stack>
          <Text size="sm">
            {confirming === 'end'
              ? t('government.confirm.endText', { days: a.noticeDays, date: day(endsBy) })
              : confirming
                ? t(`government.confirm.${confirming}Text`)
                : ''}
          </Text>
          {step.error ? (
            <Text size="sm" c="red.9" role="alert">
              {formError(step.error, t)}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t('action.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={step.isPending}
              onClick={() => confirming && step.mutate(confirming)}
            >
              {confirming ? t(`government.${confirming}`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
