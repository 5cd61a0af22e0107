import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MarketLease, MarketLeaseRepository } from './market-lease.repository';

/**
 * This worker process's leases on commodities' live markets (see MarketLeaseRepository for why
 * they live in PostgreSQL). A lease is claimed when a run of a commodity nobody owns (or whose
 * owner stopped renewing) lands here, renewed by a timer every third of its length while the
 * process lives, and released on a clean shutdown so that another worker takes over at once; a
 * killed process's leases lapse after `matchingLeaseMs`.
 */
@Injectable()
export class MarketLeases implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MarketLeases.name);
  /** Unique per process start: a restarted worker is a new owner (its memory is empty). */
  readonly ownerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly held = new Map<string, MarketLease>();
  private readonly lostListeners: ((commodityCode: string) => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private renewing: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(
      () => {
        this.renewing ??= this.renew().finally(() => (this.renewing = null));
      },
      Math.max(100, Math.floor(this.config.matchingLeaseMs / 3)),
    );
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.renewing;
    const leases = [...this.held.values()];
    this.held.clear();
    await this.repository()
      .release(leases)
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'lease release failed'));
  }

  /** Called with a commodity's code when this process learns it lost the commodity's lease. */
  onLost(listener: (commodityCode: string) => void): void {
    this.lostListeners.push(listener);
  }

  /** This process's lease on the commodity (taken if free or lapsed), or null: another owns it. */
  async claim(commodityCode: string): Promise<MarketLease | null> {
    const lease = await this.repository().claim(
      commodityCode,
      this.ownerId,
      this.config.matchingLeaseMs,
    );
    const before = this.held.get(commodityCode);
    if (before && before.token !== lease?.token) this.lose(commodityCode);
    if (lease) this.held.set(commodityCode, lease);
    return lease;
  }

  /** Forgets a lease this process found lost (its run was fenced out). */
  lost(commodityCode: string): void {
    if (this.held.has(commodityCode)) this.lose(commodityCode);
  }

  /** The fence of a run under this lease, inside the run's transaction (see MarketLeaseRepository.fence). */
  async fence(lease: MarketLease, manager: EntityManager): Promise<void> {
    await new MarketLeaseRepository(manager).fence(lease, this.config.matchingLeaseMs);
  }

  heldCommodities(): string[] {
    return [...this.held.keys()];
  }

  private async renew(): Promise<void> {
    const leases = [...this.held.values()];
    if (leases.length === 0) return;
    try {
      const renewed = await this.repository().renew(leases, this.config.matchingLeaseMs);
      for (const lease of leases) {
        if (!renewed.has(lease.commodityCode) && this.held.get(lease.commodityCode) === lease) {
          this.lose(lease.commodityCode);
        }
      }
    } catch (error) {
      // A failed renewal is retried at the next tick; if they keep failing the lease lapses and
      // the fence stops this process's writes, which is the point.
      this.logger.warn({ err: (error as Error).message }, 'lease renewal failed');
    }
  }

  private lose(commodityCode: string): void {
    this.held.delete(commodityCode);
    this.logger.log({ commodityCode }, 'live market lease lost');
    for (const listener of this.lostListeners) listener(commodityCode);
  }

  private repository(): MarketLeaseRepository {
    return new MarketLeaseRepository(this.dataSource.manager);
  }
}
