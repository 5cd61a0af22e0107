import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { openRedis } from '../queue/redis-connection';
import { notificationChannel } from './notification-events';

/**
 * Wake-ups for live streams across API processes. Messages carry only an organization id: the
 * stream then reads new rows from PostgreSQL, so a lost message costs latency, never data.
 */
@Injectable()
export class NotificationPublisher implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly channel: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = openRedis(config.redisUrl, 'fail-fast-api');
    this.channel = notificationChannel(config.redisPrefix);
  }

  async wake(organizationIds: string[]): Promise<void> {
    for (const id of new Set(organizationIds)) {
      await this.redis.publish(this.channel, id).catch(() => undefined); // streams also poll
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

type Listener = () => void;

/** One subscriber connection per API process, fanned out to the open streams of each organization. */
@Injectable()
export class NotificationHub implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationHub.name);
  private readonly listeners = new Map<string, Set<Listener>>();
  private subscriber: Redis | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  listen(organizationId: string, listener: Listener): () => void {
    this.ensureSubscribed();
    const set = this.listeners.get(organizationId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(organizationId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(organizationId);
    };
  }

  private ensureSubscribed(): void {
    if (this.subscriber) return;
    const subscriber = openRedis(this.config.redisUrl, 'subscriber');
    subscriber.on('error', (error: Error) =>
      this.logger.debug({ err: error.message }, 'notification hub'),
    );
    subscriber.on('message', (_channel: string, organizationId: string) => {
      for (const listener of this.listeners.get(organizationId) ?? []) listener();
    });
    void subscriber.subscribe(notificationChannel(this.config.redisPrefix)).catch(() => undefined);
    this.subscriber = subscriber;
  }

  onModuleDestroy(): void {
    this.subscriber?.disconnect();
  }
}
