import type { RedisOptions } from 'bullmq';

/** BullMQ wants ioredis options; REDIS_URL is the one setting users give. */
export function redisOptionsFromUrl(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers must block on Redis forever and reconnect by themselves (BullMQ requirement).
    maxRetriesPerRequest: null,
  };
}
