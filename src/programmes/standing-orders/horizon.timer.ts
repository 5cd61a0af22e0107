import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AgreementMonitor } from '../agreements/agreement.monitor';
import { HorizonRoller } from './horizon.roller';

/**
 * Rolls the standing orders' horizon and checks agreements falling behind, on every worker, on a
 * plain timer: both are idempotent (advisory lock and unique slot per day; unique alert per
 * period), so several workers are harmless and nothing needs to survive in Redis. A failed tick
 * is logged and retried at the next one.
 */
@Injectable()
export class HorizonTimer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HorizonTimer.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly roller: HorizonRoller,
    private readonly agreements: AgreementMonitor,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.programmes.programmeRollIntervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    const now = new Date();
    this.running ??= this.roller
      .roll(now)
      .then(() => this.agreements.checkBehind(now))
      .then(() => undefined)
      .catch((error: Error) =>
        this.logger.warn({ err: error.message }, 'programme tick failed; the next one retries'),
      )
      .finally(() => (this.running = null));
  }
}
