import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { openRedis } from '../../queue/redis-connection';

/** What a delivery attempt may do now. */
export type GatePass =
  | { kind: 'go'; probe: boolean; leave(result: { timedOut: boolean }): Promise<void> }
  /**
   * The endpoint or its organization already uses all its slots: try again later, uncounted.
   * `slowForMs` > 0 when every holder has been waiting longer than a connect timeout (the
   * receivers hang): no slot can be expected before the oldest one's deadline, that far away.
   */
  | { kind: 'busy'; slowForMs: number }
  /** The endpoint's circuit is open (its attempts kept timing out): no network this time. */
  | { kind: 'open'; retryInMs: number };

/*
 * One round trip: circuit state, then both semaphores (sorted sets of lease tokens scored by
 * their expiry, so a crashed worker's slot frees itself), all or nothing.
 * KEYS: endpoint slots, organization slots, endpoint circuit (hash: failures, openUntil, probeUntil)
 * ARGV: now, lease ms, token, endpoint limit, organization limit, failures that open the circuit,
 * "slow" age ms, response timeout ms
 */
const ENTER = `
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local function full(key, limit)
  if redis.call('ZCARD', key) < limit then return nil end
  local youngest = tonumber(redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2])
  if now - (youngest - lease) < tonumber(ARGV[7]) then return 0 end
  local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
  return math.max(0, oldest - lease + tonumber(ARGV[8]) - now)
end
local failures = tonumber(redis.call('HGET', KEYS[3], 'failures') or '0')
local probe = 0
if failures >= tonumber(ARGV[6]) then
  local openUntil = tonumber(redis.call('HGET', KEYS[3], 'openUntil') or '0')
  if now < openUntil then return {'open', openUntil - now} end
  local probeUntil = tonumber(redis.call('HGET', KEYS[3], 'probeUntil') or '0')
  if now < probeUntil then return {'open', probeUntil - now} end
  probe = 1
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local wait = full(KEYS[1], tonumber(ARGV[4]))
if wait then return {'busy', wait} end
wait = full(KEYS[2], tonumber(ARGV[5]))
if wait then return {'busy', wait} end
local expires = now + lease
redis.call('ZADD', KEYS[1], expires, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], expires, ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
if probe == 1 then redis.call('HSET', KEYS[3], 'probeUntil', expires) end
return {'go', probe}
`;

/*
 * KEYS: endpoint slots, organization slots, circuit. ARGV: token, timed out (1/0), now,
 * failures that open the circuit, cool-down ms, how long circuit state is kept.
 */
const LEAVE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[2] == '1' then
  local failures = redis.call('HINCRBY', KEYS[3], 'failures', 1)
  if failures >= tonumber(ARGV[4]) then
    redis.call('HSET', KEYS[3], 'openUntil', tonumber(ARGV[3]) + tonumber(ARGV[5]))
    redis.call('HDEL', KEYS[3], 'probeUntil')
  end
  redis.call('PEXPIRE', KEYS[3], ARGV[6])
else
  redis.call('DEL', KEYS[3])
end
return 1
`;

/**
 * Tenant isolation of webhook delivery. BullMQ's workers share one pool of slots; open-source
 * BullMQ has no per-group fairness, and per-organization queues would need a worker per tenant.
 * Instead every attempt passes this gate, kept in Redis so that all workers share it:
 *  - at most WEBHOOK_CONCURRENCY_PER_ENDPOINT attempts in flight per endpoint and
 *    WEBHOOK_CONCURRENCY_PER_ORGANIZATION per organization; a job over either limit goes back to
 *    the delayed set without using an attempt (the processor re-queues it), so a tenant whose
 *    receivers hang holds a few slots, never the pool;
 *  - a circuit breaker per endpoint: after WEBHOOK_CIRCUIT_FAILURES attempts in a row that timed
 *    out (connect or response), the endpoint is paused for WEBHOOK_CIRCUIT_COOLDOWN_MS; attempts
 *    meanwhile fail at once without touching the network (and are retried on the normal
 *    schedule); after the cool-down one probe at a time may try, and its answer closes the
 *    circuit or opens it again.
 * Leases expire (response timeout plus a margin), so a worker that dies holding a slot cannot
 * keep it. If Redis cannot be reached the gate lets the attempt through: the job queue lives in
 * the same Redis, so delivery is stalled anyway.
 */
@Injectable()
export class DeliveryGate implements OnModuleDestroy {
  private readonly logger = new Logger(DeliveryGate.name);
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = openRedis(config.redisUrl, 'fail-fast-api');
  }

  private keys(endpointId: string, organizationId: string): string[] {
    const p = `${this.config.redisPrefix}-webhook-gate`;
    return [
      `${p}:endpoint:${endpointId}`,
      `${p}:org:${organizationId}`,
      `${p}:circuit:${endpointId}`,
    ];
  }

  async enter(endpointId: string, organizationId: string): Promise<GatePass> {
    const keys = this.keys(endpointId, organizationId);
    const token = randomUUID();
    const lease = this.config.webhookTimeoutMs + 5000;
    let answer: [string, number];
    try {
      answer = (await this.redis.eval(
        ENTER,
        3,
        ...keys,
        Date.now(),
        lease,
        token,
        this.config.webhookConcurrencyPerEndpoint,
        this.config.webhookConcurrencyPerOrganization,
        this.config.webhookCircuitFailures,
        this.config.webhookConnectTimeoutMs,
        this.config.webhookTimeoutMs,
      )) as [string, number];
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'webhook gate unavailable; not limiting');
      return { kind: 'go', probe: false, leave: () => Promise.resolve() };
    }
    const [kind, value] = answer;
    if (kind === 'busy') return { kind: 'busy', slowForMs: Number(value) };
    if (kind === 'open') return { kind: 'open', retryInMs: Number(value) };
    return {
      kind: 'go',
      probe: Number(value) === 1,
      leave: async ({ timedOut }) => {
        await this.redis
          .eval(
            LEAVE,
            3,
            ...keys,
            token,
            timedOut ? 1 : 0,
            Date.now(),
            this.config.webhookCircuitFailures,
            this.config.webhookCircuitCooldownMs,
            Math.max(24 * 3600_000, this.config.webhookCircuitCooldownMs * 2),
          )
          .catch((error: Error) =>
            this.logger.warn({ err: error.message }, 'webhook gate: could not release'),
          );
      },
    };
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
