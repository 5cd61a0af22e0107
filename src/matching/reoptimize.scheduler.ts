import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DomainEventBus } from '../outbox/domain-event.bus';
import { DomainEventPayload, jobIds, QUEUES, ReoptimizePayload } from '../queue/job-catalog';
import { REOPTIMIZING_EVENT_PREFIXES } from './match-events';

/**
 * Turns market events into re-optimisation jobs. The deduplication id is per commodity with
 * keepLastIfActive: a burst of events collapses into one pending run, and an event arriving while
 * a run is active queues exactly one more run after it (never a parallel one), so no change is missed.
 */
@Injectable()
export class ReoptimizeScheduler implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    @InjectQueue(QUEUES.matching) private readonly queue: Queue<ReoptimizePayload>,
  ) {}

  onModuleInit(): void {
    for (const prefix of REOPTIMIZING_EVENT_PREFIXES) {
      this.bus.subscribe(prefix, (event) => this.onEvent(event));
    }
  }

  async schedule(
    commodityCode: string,
    reason: string,
    correlationId: string | null,
  ): Promise<void> {
    await this.queue.add(
      'reoptimize-commodity',
      { commodityCode, reason, correlationId },
      { deduplication: { id: jobIds.reoptimize(commodityCode), keepLastIfActive: true } },
    );
  }

  private async onEvent(event: DomainEventPayload): Promise<void> {
    const commodityCode = event.data.commodityCode;
    if (typeof commodityCode !== 'string') return; // not a market event of a commodity
    await this.schedule(commodityCode, event.type, event.correlationId);
  }
}
