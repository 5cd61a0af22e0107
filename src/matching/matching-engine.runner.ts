import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EngineWorker, SolveMarketResult, solvePlain, WorkerSolveInput } from './engine';

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

  async onModuleDestroy(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}
