import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RelayedEvent } from '../events/event-catalog';
import { DomainEventBus } from '../outbox/domain-event.bus';
import { OutboxWriter } from '../outbox/outbox.writer';
import { MatchRepository } from './match.repository';
import { supersedeProposals } from './proposal-supersession';
import { ReoptimizeScheduler } from './reoptimize.scheduler';

/** `superseded_reason` is a varchar(200). */
const REASON_LENGTH = 200;

/**
 * What a disruption of the service network does to proposals (#10). When a closure comes into
 * force, every proposal still awaiting an answer whose route uses the closed hub or service is
 * superseded, held ones included (a route that cannot run cannot be confirmed), with the closure
 * as the reason both parties are told; then every open market is re-optimised on the network
 * without it. When it ends, every open market is re-optimised again and may use it.
 *
 * Both steps are safe to repeat (the supersession is conditional on `status = 'proposed'`, a
 * re-optimisation of a settled market writes nothing), so a retried event does no harm.
 */
@Injectable()
export class NetworkDisruptionHandler implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: DomainEventBus,
    private readonly outbox: OutboxWriter,
    private readonly scheduler: ReoptimizeScheduler,
  ) {}

  onModuleInit(): void {
    this.bus.on('network.closure_started', (event) => this.started(event));
    this.bus.on('network.closure_ended', (event) => this.reoptimizeOpenMarkets(event));
    this.bus.on('network.service_changed', (event) => this.serviceChanged(event));
  }

  /**
   * An administrator's new revision of a service-network row. A deactivated sea service, ferry
   * crossing, air route or hub's handling no longer runs: like a closure, the proposals whose
   * route names it are superseded, held ones included. Any other change (a new route, a fare)
   * leaves the held proposals as the parties accepted them; the re-optimisation supersedes the
   * open ones whose route or landed cost the optimum now states differently (the incumbent rule).
   * A truck class is named by no leg (legs state "2 x engkel"), so its deactivation acts through
   * the re-optimisation alone.
   */
  private async serviceChanged(event: RelayedEvent<'network.service_changed'>): Promise<void> {
    const { kind, code, revision, change } = event.data;
    if (change === 'deactivated' && kind !== 'truck_class') {
      await this.dataSource.transaction(async (manager) => {
        const ids = await new MatchRepository(manager).proposalsUsing(code);
        const why = `network_changed: ${kind} ${code} deactivated (revision ${revision})`;
        await supersedeProposals(manager, this.outbox, ids, why.slice(0, REASON_LENGTH));
      });
    }
    await this.reoptimizeOpenMarkets(event);
  }

  private async started(event: RelayedEvent<'network.closure_started'>): Promise<void> {
    const { target, reason, closedUntil } = event.data;
    await this.dataSource.transaction(async (manager) => {
      const ids = await new MatchRepository(manager).proposalsUsing(target);
      const why = `network_closed: ${target} until ${closedUntil}: ${reason}`;
      await supersedeProposals(manager, this.outbox, ids, why.slice(0, REASON_LENGTH));
    });
    await this.reoptimizeOpenMarkets(event);
  }

  /** Every commodity with open supply and open demand: removing or restoring a route can move any. */
  private async reoptimizeOpenMarkets(
    event: RelayedEvent<
      'network.closure_started' | 'network.closure_ended' | 'network.service_changed'
    >,
  ): Promise<void> {
    const commodities = await this.dataSource.query<{ commodity_code: string }[]>(
      `SELECT commodity_code FROM supply_listings WHERE status = 'open'
       INTERSECT
       SELECT commodity_code FROM demand_requests WHERE status = 'open'`,
    );
    for (const { commodity_code } of commodities)
      await this.scheduler.schedule(commodity_code, event.type, event.correlationId);
  }
}
