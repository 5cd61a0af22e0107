import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import {
  EngineWorker,
  preparePlain,
  SolveMarketResult,
  solvePlain,
  WorkerPrepareInput,
  WorkerSolveInput,
} from './engine';

/**
 * Runs the pure engine: small markets on the calling thread (a worker-thread round trip costs
 * more than the solve), large ones on a worker thread kept for the life of the process, so that
 * a 10k x 10k solve does not stall the event loop that keeps BullMQ locks alive.
 */
@Injectable()
export class MatchingEngineRunner implements OnModuleDestroy {
  private worker: EngineWorker | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async solve(input: WorkerSolveInput): Promise<SolveMarketResult[]> {
    const size = input.markets.reduce((n, m) => n + m.listings.length + m.requests.length, 0);
    if (size <= this.config.engineThreadThreshold) return solvePlain(input);
    this.worker ??= new EngineWorker();
    return this.worker.solve(input);
  }

  /**
   * Builds a network version's routes before the runs that use it, where each market will be
   * solved: markets at or below the thread threshold on this thread (a few routes), larger ones
   * on the worker thread, queued before their solves so that those only read the route table.
   * Resolves with the number of routes built.
   */
  async prepare(input: WorkerPrepareInput): Promise<number> {
    const onThread = (m: WorkerPrepareInput['markets'][number]) =>
      m.listings.length + m.requests.length > this.config.engineThreadThreshold;
    const small = input.markets.filter((m) => !onThread(m));
    const large = input.markets.filter(onThread);
    let built = small.length > 0 ? preparePlain({ ...input, markets: small }) : 0;
    if (large.length > 0) {
      this.worker ??= new EngineWorker();
      built += await this.worker.prepare({ ...input, markets: large });
    }
    return built;
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}
