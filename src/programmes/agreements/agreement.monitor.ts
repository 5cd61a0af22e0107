import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { agreementPeriods, periodStart } from '../../agreements/agreement-periods';
import { Agreement } from '../../agreements/agreement.entity';
import { AGREEMENT_EVENTS } from '../../agreements/agreements.service';
import { queryReturning } from '../../common/query-returning';
import { NotificationWriter } from '../../notifications/inbox/notification.writer';
import { DomainEventBus } from '../../outbox/domain-event.bus';
import type { RelayedEvent } from '../../events/event-catalog';

const WEEK_MS = 7 * 24 * 3600 * 1000;
export const AGREEMENT_BEHIND = 'agreement.behind' as const;

/** The agreement events both governments hear of (the one that acted included: its colleagues). */
const TOLD = [
  AGREEMENT_EVENTS.proposed,
  AGREEMENT_EVENTS.accepted,
  AGREEMENT_EVENTS.declined,
  AGREEMENT_EVENTS.withdrawn,
  AGREEMENT_EVENTS.ending,
] as const;

/**
 * Watches two-party agreements: tells both governments of each step (proposed, accepted,
 * declined, withdrawn, notice to end) and, when a period falls behind its committed volume (pro
 * rata of the week elapsed, see isBehind), tells both once per agreement, commodity and period.
 * The alert row's unique key makes repeated checks, from any number of workers, harmless.
 */
@Injectable()
export class AgreementMonitor implements OnModuleInit {
  private readonly logger = new Logger(AgreementMonitor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: DomainEventBus,
    private readonly writer: NotificationWriter,
  ) {}

  onModuleInit(): void {
    this.bus.on(TOLD, (event) => this.onAgreementEvent(event));
  }

  private async onAgreementEvent(event: RelayedEvent<(typeof TOLD)[number]>): Promise<void> {
    const agreement = await this.dataSource
      .getRepository(Agreement)
      .findOne({ where: { id: event.aggregateId } });
    if (!agreement) return;
    // One notification per agreement and step, however many commodities (one event each) it has.
    await this.writer.deliver(`${agreement.id}-${event.type}`, event.type, this.parties(agreement));
  }

  /** Checks the current and the previous period of every agreement in force with commitments. */
  async checkBehind(now: Date = new Date()): Promise<number> {
    const agreements = await this.dataSource
      .getRepository(Agreement)
      .createQueryBuilder('a')
      .where(`a.status = 'in_force' AND a.commitments <> '[]'::jsonb`)
      .andWhere('a.valid_from <= :now AND a.valid_until >= :since', {
        now,
        since: new Date(periodStart(now).getTime() - WEEK_MS),
      })
      .orderBy('a.id')
      .getMany();
    let alerts = 0;
    for (const agreement of agreements) {
      const start = agreement.acceptedAt ?? agreement.validFrom;
      const from = new Date(Math.max(start.getTime(), periodStart(now).getTime() - WEEK_MS));
      const periods = await agreementPeriods(this.dataSource.manager, agreement, from, now, now);
      for (const period of periods.filter((p) => p.behind && p.committed > 0)) {
        const periodStartsAt = new Date(`${period.periodStart}T00:00:00+07:00`);
        const [inserted] = await queryReturning<{ id: string }>(
          this.dataSource.manager,
          `INSERT INTO agreement_period_alerts (agreement_id, commodity_code, period_start, committed, confirmed)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (agreement_id, commodity_code, period_start) DO NOTHING RETURNING id`,
          [agreement.id, period.commodityCode, periodStartsAt, period.committed, period.confirmed],
        );
        if (!inserted) continue;
        alerts++;
        await this.writer.deliver(
          inserted.id,
          AGREEMENT_BEHIND,
          this.parties(agreement, {
            commodityCode: period.commodityCode,
            periodStart: period.periodStart,
            committed: period.committed,
            proposed: period.proposed,
            confirmed: period.confirmed,
            delivered: period.delivered,
          }),
        );
      }
    }
    if (alerts > 0) this.logger.log({ alerts }, 'agreement periods behind');
    return alerts;
  }

  private parties(agreement: Agreement, extra: Record<string, unknown> = {}) {
    const data = {
      agreementId: agreement.id,
      title: agreement.title,
      status: agreement.status,
      validUntil: agreement.validUntil.toISOString(),
      ...extra,
    };
    return [agreement.organizationId, agreement.counterpartOrganizationId]
      .filter((id): id is string => id !== null)
      .map((organizationId) => ({ organizationId, data }));
  }
}
