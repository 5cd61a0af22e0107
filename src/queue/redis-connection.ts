import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * The one place that decides how Jembatan talks to Redis. Every connection is opened with a named
 * profile, so that the choice between "wait for Redis" and "fail now" is made once per kind of
 * caller, not per call site.
 */
const PROFILES = {
  /**
   * BullMQ workers and queues (and the outbox relay's queue): they block on Redis and must retry
   * commands forever, reconnecting by themselves (a BullMQ requirement). A publish that must not
   * wait is bounded by its caller (the relay's timeout).
   */
  'blocking-worker': { maxRetriesPerRequest: null },
  /**
   * The live streams' pub/sub subscriber: a subscription survives reconnects (ioredis
   * re-subscribes), so it waits for Redis like a worker does.
   */
  subscriber: { maxRetriesPerRequest: null },
  /**
   * Request paths (rate limits, stream slots and tickets, the webhook gate, health, pub/sub
   * publishing, metrics): fail at once when Redis is unreachable instead of queueing commands,
   * so that the caller can decide to let the request through.
   */
  'fail-fast-api': { maxRetriesPerRequest: 1, enableOfflineQueue: false },
} as const satisfies Record<string, Partial<RedisOptions>>;

export type RedisProfile = keyof typeof PROFILES;

/** ioredis options of a profile; REDIS_URL is the one setting users give. */
export function redisOptions(redisUrl: string, profile: RedisProfile): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    ...PROFILES[profile],
  };
}

/**
 * A client of a profile. A fail-fast client's connection errors are its caller's to report (each
 * command fails), so they are not also thrown as unhandled 'error' events.
 */
export function openRedis(redisUrl: string, profile: RedisProfile): Redis {
  const redis = new Redis(redisOptions(redisUrl, profile));
  if (profile === 'fail-fast-api') redis.on('error', () => undefined);
  return redis;
}

/** Options of BullMQ's blocking worker connection (kept for callers outside `src/`). */
export function redisOptionsFromUrl(redisUrl: string): RedisOptions {
  return redisOptions(redisUrl, 'blocking-worker');
}

/** A client for request paths: see the `fail-fast-api` profile. */
export function failFastRedis(redisUrl: string): Redis {
  return openRedis(redisUrl, 'fail-fast-api');
}
