import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { HorizonRoller } from './horizon.roller';

/**
 * Rolls the standing orders' horizon on every worker, on a plain timer: the roll is idempotent
 * (advisory lock, unique slot per day), so several workers are harmless and nothing needs to
 * survive in Redis. A failed roll is logged and retried at the next tick.
 */
@Injectable()
export class HorizonTimer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HorizonTimer.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly roller: HorizonRoller,
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
    this.running ??= this.roller
      .roll(new Date())
      .then(() => undefined)
      .catch((error: Error) =>
        this.logger.warn({ err: error.message }, 'standing order roll failed; next tick retries'),
      )
      .finally(() => (this.running = null));
  }
}
