import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEventBus } from '../outbox/domain-event.bus';
import { JobQueue } from '../queue/job-queue';
import { REOPTIMIZING_EVENTS } from './match-events';

/** The reason of the recovery sweep's periodic runs: the only ones a settled market may skip. */
export const RECOVERY_SWEEP_REASON = 'recovery-sweep';

/**
 * Turns market events into re-optimisation jobs. The deduplication id is per commodity with
 * keepLastIfActive: a burst of events collapses into one pending run, and an event arriving while
 * a run is active queues exactly one more run after it (never a parallel one), so no change is missed.
 */
@Injectable()
export class ReoptimizeScheduler implements OnModuleInit {
  constructor(
    private readonly bus: DomainEventBus,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.bus.on(REOPTIMIZING_EVENTS, (event) =>
      this.schedule(event.data.commodityCode, event.type, event.correlationId),
    );
  }

  async schedule(
    commodityCode: string,
    reason: string,
    correlationId: string | null,
  ): Promise<void> {
    await this.jobs.enqueue('reoptimize-commodity', { commodityCode, reason, correlationId });
  }
}
