/**
 * The whole configuration of a process, read from the environment once at boot.
 * Nothing else in src/ reads process.env: modules inject APP_CONFIG instead.
 */
import { join } from 'node:path';

export type AppRole = 'api' | 'worker' | 'all';
export type AppEnv = 'development' | 'test' | 'production';
/** See accounts/auth/password-hashing.ts. */
export type PasswordHashCost = 'standard' | 'fast';

export interface AppConfig {
  env: AppEnv;
  role: AppRole;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every BullMQ key, so that tests and several deployments can share one Redis. */
  redisPrefix: string;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Fallback poll of the outbox when no NOTIFY arrives (the relay is woken by NOTIFY first). */
  outboxPollMs: number;
  /** Run migrations and reference seeding on boot (under an advisory lock). */
  migrateOnBoot: boolean;
  /** How long a proposal waits for both answers before it expires. */
  proposalTtlHours: number;
  /** Allow webhook URLs that resolve to loopback/private/link-local addresses (tests, on-premise). */
  webhookAllowPrivate: boolean;
  webhookTimeoutMs: number;
  /** Length of one "second" of the retry schedule; tests shrink it to replay a day of retries fast. */
  webhookRetryUnitMs: number;
  /** Deliveries that end in failure in a row before an endpoint is disabled. */
  webhookDisableAfterFailures: number;
  /** Writes (POST/PATCH/DELETE) per user per minute. */
  rateLimitWritesPerMinute: number;
  /** Registrations and logins (every unauthenticated write) per client address and route per minute. */
  rateLimitAuthPerMinute: number;
  /** Reads (GET) per user per minute (five times that per address for anonymous reads). */
  rateLimitReadsPerMinute: number;
  /** Costly reads (why-not, market lists and searches, opening a live stream) per user and route per minute. */
  rateLimitCostlyReadsPerMinute: number;
  /** Failed logins per email per 15 minutes before that email is locked out for the window. */
  loginFailuresPer15Minutes: number;
  /** argon2id cost of a new password hash; `fast` is accepted only under NODE_ENV=test. */
  passwordHashCost: PasswordHashCost;
  /** Origins allowed by CORS (comma-separated); empty: no cross-origin browser access. */
  corsOrigins: string[];
  /** Port of a worker's /metrics (0: none; the API serves /metrics on its own port). */
  workerMetricsPort: number;
  /** Work older than this that Redis should hold but may have lost is handed to it again. */
  recoveryAfterMs: number;
  /** How often each worker checks for such work (and re-creates its schedules). */
  recoveryIntervalMs: number;
  /**
   * Markets larger than this (listings + requests) are solved in a worker thread. 200, not the
   * 2,000 it was: bench:api (100 posts a second to one market of 500 listings and 500 to 2,500
   * requests) took new requests to stored notifications in 9.8 and 11.1 s (p50) with every solve
   * on the thread against 29.9 and 24.3 s with solves up to 2,000 on the event loop, which the
   * fan-out and BullMQ share (2026-12-02, runs interleaved in one command).
   */
  engineThreadThreshold: number;
  /**
   * V8's old-generation growth after each full collection, in percent, for processes that run the
   * worker (0: V8's own, which on a large machine lets the heap grow to several times what is
   * live). A worker owning a national market keeps about 250 MB live, and each run's snapshot
   * (20,000 rows) dies after surviving the young generation: with V8's own factor the garbage
   * reached 600 MB before the next full collection, the worker's peak at 10,000 x 10,000 (2026-12-03:
   * heap 858 MB -> 245 MB at that collection). 50 keeps it to half of what is live, for a full
   * collection of 30-45 ms (mostly concurrent) about every 125 MB promoted.
   */
  heapGrowingPercent: number;
  /** A commodity's live market lease (src/matching/live/): another worker takes over this long after its owner stops renewing. */
  matchingLeaseMs: number;
  /**
   * Markets of more than this many listing x request pairs (default: the settling rounds' limit,
   * SETTLE_MAX_PAIRS) that the live market answers when it may (no committed volumes; a `fair`
   * commodity's live market holds its shares): the owner's run proposes the live allocation,
   * re-optimised from the last one, instead of solving the commodity again. Smaller markets are solved, preferring their
   * own answer until it settles (incumbent-preference.ts): a few hundred ms at 250,000 pairs,
   * and the settling rounds can improve on the minimum-order step one live re-optimisation keeps.
   */
  liveAnswerAbovePairs: number;
  /**
   * BullMQ's job lock (lockDuration), and how often a worker looks for jobs whose lock expired
   * (stalledInterval): a job held by a worker that died is handed to another after between one
   * and two of these. BullMQ's default, 30 s, unless set.
   */
  jobLockMs: number;
  /** SMTP server for account emails (smtp:// or smtps://); required in production. Unset
   * elsewhere: emails are not sent, and the mailer logs each one (with its link) as a warning. */
  smtpUrl: string | null;
  /** Sender of account emails, e.g. `Jembatan <no-reply@jembatan.id>`. */
  mailFrom: string;
  /** Where the people-facing pages live: links in emails point there. */
  publicBaseUrl: string;
  /** Lifetime of a session's refresh token; each refresh issues a new one with a new lifetime. */
  refreshTokenTtlDays: number;
  /**
   * The console's session cookie carries `Secure` (sent over HTTPS only). On by default outside
   * development; browsers accept a Secure cookie from http://localhost, so local runs work too.
   */
  sessionCookieSecure: boolean;
  /** The built web console (web/dist), served at /; absent: the API serves no pages. */
  webDistDir: string;
  emailVerificationTtlHours: number;
  passwordResetTtlMinutes: number;
  invitationTtlDays: number;
  /** Price changes per listing per hour (each one is a probe of what buyers would pay). */
  listingPriceEditsPerHour: number;
  /** Why-not diagnostics per listing or request per hour. */
  candidatesPerHour: number;
  /**
   * Bearer token Prometheus must send to /metrics (API and worker METRICS_PORT alike). Empty:
   * the API does not serve /metrics at all (404); the worker's METRICS_PORT is then unprotected.
   */
  metricsToken: string;
  /** Per-organization caps, so that one tenant cannot grow without bound (see tenant-cap.ts). */
  caps: TenantCaps;
  programmes: ProgrammeConfig;
  /** Webhook tenant isolation (see delivery-gate.ts). */
  webhookConnectTimeoutMs: number;
  webhookConcurrencyPerEndpoint: number;
  webhookConcurrencyPerOrganization: number;
  /** Attempts in a row that time out (connect or response) before an endpoint's circuit opens; a
   * refused connection answers at once, takes no slot for long, and follows the retry schedule. */
  webhookCircuitFailures: number;
  /** How long an open circuit pauses an endpoint before one probe may try it again. */
  webhookCircuitCooldownMs: number;
  /** WhatsApp and SMS (see src/channels/README.md). */
  channels: ChannelsConfig;
}

export type ChannelName = 'whatsapp' | 'sms';

/** WhatsApp Business Cloud API (Graph API). */
export interface WhatsAppConfig {
  /** https://graph.facebook.com in production; a local fake in tests and the demonstration. */
  baseUrl: string;
  apiVersion: string;
  phoneNumberId: string;
  accessToken: string;
  /** Signs every webhook POST (X-Hub-Signature-256). */
  appSecret: string;
  /** Answered in the webhook verification handshake (hub.verify_token). */
  verifyToken: string;
  /** Language code of the approved templates (`id`). */
  templateLanguage: string;
}

/** A generic HTTP SMS gateway: Indonesian gateways differ, so the field names are configurable. */
export interface SmsGatewayConfig {
  url: string;
  /** The whole Authorization header value (e.g. `Bearer ...` or `Basic ...`); empty: none. */
  authorization: string;
  senderId: string;
  /** Request body field names (JSON). */
  fields: { to: string; text: string; sender: string; reference: string };
  /** Dotted path of the gateway's message id in its JSON answer. */
  responseIdPath: string;
  /** Shared secret of inbound callbacks: X-Signature = sha256=hex(HMAC-SHA256(secret, raw body)). */
  inboundSecret: string;
  /** Inbound callback field names: a reply has from/text/id, a delivery report messageId/status. */
  inboundFields: { from: string; text: string; id: string; messageId: string; status: string };
}

export interface ChannelsConfig {
  /** The channels this deployment offers (CHANNELS=whatsapp,sms); empty: none. */
  enabled: ChannelName[];
  whatsapp: WhatsAppConfig | null;
  sms: SmsGatewayConfig | null;
  /** A WhatsApp message that fails for good is sent again by SMS (to people opted in to SMS). */
  fallbackToSms: boolean;
  /** Length of one "second" of the send retry schedule (tests shrink it). */
  retryUnitMs: number;
  sendTimeoutMs: number;
  otpTtlMinutes: number;
  otpMaxAttempts: number;
}

/** Programme rails (#12): standing orders, agreements. */
export interface ProgrammeConfig {
  /** Days ahead (today included) for which standing orders keep their delivery slots open. */
  standingOrderHorizonDays: number;
  /** How often a worker rolls the horizon forward (and checks agreements falling behind). */
  programmeRollIntervalMs: number;
}

export interface TenantCaps {
  WEBHOOK_ENDPOINTS_PER_ORGANIZATION: number;
  WATCHLISTS_PER_ORGANIZATION: number;
  OPEN_LISTINGS_PER_ORGANIZATION: number;
  OPEN_REQUESTS_PER_ORGANIZATION: number;
  /** Live streams (SSE) one user may hold open at once, over all API processes. */
  STREAMS_PER_USER: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const DEV_JWT_SECRET = 'jembatan-development-secret-change-me';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** BullMQ's own default lock duration and stalled-job interval. */
export const DEFAULT_JOB_LOCK_MS = 30_000;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, fallback: string, protocols: string[]): string => {
    const raw = env[name] || fallback;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
      }
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const appEnv = oneOf<AppEnv>('NODE_ENV', ['development', 'test', 'production'], 'development');
  const jwtSecret = env.JWT_SECRET || (appEnv === 'production' ? '' : DEV_JWT_SECRET);
  if (!jwtSecret) problems.push('JWT_SECRET must be set in production');
  else if (appEnv === 'production' && jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters in production');
  }

  const config: AppConfig = {
    env: appEnv,
    role: oneOf<AppRole>('APP_ROLE', ['api', 'worker', 'all'], 'all'),
    port: int('PORT', 3000, 0, 65535),
    databaseUrl: url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/jembatan', [
      'postgres:',
      'postgresql:',
    ]),
    redisUrl: url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisPrefix: env.REDIS_PREFIX || 'jembatan',
    jwtSecret,
    // Short-lived: a stolen access token is useful for minutes; clients renew it with /auth/refresh.
    jwtExpiresInSeconds: int('JWT_EXPIRES_IN_SECONDS', 900, 60, 24 * 3600),
    logLevel: oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    outboxPollMs: int('OUTBOX_POLL_MS', 1000, 50, 60000),
    migrateOnBoot: bool('MIGRATE_ON_BOOT', true),
    proposalTtlHours: int('PROPOSAL_TTL_HOURS', 48, 1, 24 * 30),
    webhookAllowPrivate: bool('WEBHOOK_ALLOW_PRIVATE', false),
    webhookTimeoutMs: int('WEBHOOK_TIMEOUT_MS', 5000, 100, 60000),
    webhookRetryUnitMs: int('WEBHOOK_RETRY_UNIT_MS', 1000, 1, 1000),
    webhookDisableAfterFailures: int('WEBHOOK_DISABLE_AFTER_FAILURES', 10, 1, 10000),
    rateLimitWritesPerMinute: int('RATE_LIMIT_WRITES_PER_MINUTE', 600, 1, 1_000_000),
    rateLimitAuthPerMinute: int('RATE_LIMIT_AUTH_PER_MINUTE', 30, 1, 1_000_000),
    rateLimitReadsPerMinute: int('RATE_LIMIT_READS_PER_MINUTE', 1200, 1, 1_000_000),
    rateLimitCostlyReadsPerMinute: int('RATE_LIMIT_COSTLY_READS_PER_MINUTE', 60, 1, 1_000_000),
    loginFailuresPer15Minutes: int('LOGIN_FAILURES_PER_15_MINUTES', 10, 1, 1_000_000),
    passwordHashCost: oneOf<PasswordHashCost>(
      'PASSWORD_HASH_COST',
      ['standard', 'fast'],
      'standard',
    ),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    workerMetricsPort: int('METRICS_PORT', 0, 0, 65535),
    recoveryAfterMs: int('RECOVERY_AFTER_MS', 120_000, 1000, 24 * 3600_000),
    recoveryIntervalMs: int('RECOVERY_INTERVAL_MS', 60_000, 500, 3600_000),
    engineThreadThreshold: int('ENGINE_THREAD_THRESHOLD', 200, 0, 10_000_000),
    heapGrowingPercent: int('HEAP_GROWING_PERCENT', 50, 0, 1000),
    // Longer than a full rebuild at national scale (about 10 s at 10,000 x 10,000 on two cores,
    // #15): the build runs on the owner's event loop, where the renewal timer waits behind it.
    matchingLeaseMs: int('MATCHING_LEASE_MS', 30_000, 500, 600_000),
    liveAnswerAbovePairs: int('LIVE_ANSWER_ABOVE_PAIRS', 250_000, 0, Number.MAX_SAFE_INTEGER),
    // Below a few seconds a busy event loop could miss the lock's renewal (every half of it) and
    // a live job would be handed out twice.
    jobLockMs: int('JOB_LOCK_MS', DEFAULT_JOB_LOCK_MS, 2_000, 600_000),
    smtpUrl: env.SMTP_URL ? url('SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']) : null,
    mailFrom: env.MAIL_FROM || 'Jembatan <no-reply@jembatan.local>',
    publicBaseUrl: url('PUBLIC_BASE_URL', 'http://localhost:3000', ['http:', 'https:']).replace(
      /\/+$/,
      '',
    ),
    refreshTokenTtlDays: int('REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    sessionCookieSecure: bool('SESSION_COOKIE_SECURE', appEnv !== 'development'),
    // src/config and dist/config are both two levels below the repository.
    webDistDir: env.WEB_DIST_DIR || join(__dirname, '..', '..', 'web', 'dist'),
    emailVerificationTtlHours: int('EMAIL_VERIFICATION_TTL_HOURS', 48, 1, 24 * 30),
    passwordResetTtlMinutes: int('PASSWORD_RESET_TTL_MINUTES', 60, 5, 24 * 60),
    invitationTtlDays: int('INVITATION_TTL_DAYS', 7, 1, 90),
    listingPriceEditsPerHour: int('LISTING_PRICE_EDITS_PER_HOUR', 4, 1, 1_000_000),
    candidatesPerHour: int('CANDIDATES_PER_HOUR', 20, 1, 1_000_000),
    metricsToken: env.METRICS_TOKEN ?? '',
    caps: {
      // Each endpoint multiplies every event; a handful covers an ERP, a chat bridge and staging.
      WEBHOOK_ENDPOINTS_PER_ORGANIZATION: int('WEBHOOK_ENDPOINTS_PER_ORGANIZATION', 20, 1, 10_000),
      WATCHLISTS_PER_ORGANIZATION: int('WATCHLISTS_PER_ORGANIZATION', 100, 1, 100_000),
      // A large cooperative federation posts hundreds; the engine benchmark assumes 10,000 in all.
      OPEN_LISTINGS_PER_ORGANIZATION: int('OPEN_LISTINGS_PER_ORGANIZATION', 2000, 1, 1_000_000),
      OPEN_REQUESTS_PER_ORGANIZATION: int('OPEN_REQUESTS_PER_ORGANIZATION', 2000, 1, 1_000_000),
      // A few browser tabs and a phone.
      STREAMS_PER_USER: int('STREAMS_PER_USER', 5, 1, 1000),
    },
    webhookConnectTimeoutMs: int('WEBHOOK_CONNECT_TIMEOUT_MS', 2000, 50, 60000),
    webhookConcurrencyPerEndpoint: int('WEBHOOK_CONCURRENCY_PER_ENDPOINT', 3, 1, 1000),
    webhookConcurrencyPerOrganization: int('WEBHOOK_CONCURRENCY_PER_ORGANIZATION', 6, 1, 1000),
    webhookCircuitFailures: int('WEBHOOK_CIRCUIT_FAILURES', 3, 1, 1000),
    webhookCircuitCooldownMs: int('WEBHOOK_CIRCUIT_COOLDOWN_MS', 60_000, 100, 24 * 3600_000),
    channels: loadChannels(env, problems, url, int, bool),
    programmes: {
      standingOrderHorizonDays: int('STANDING_ORDER_HORIZON_DAYS', 7, 1, 60),
      programmeRollIntervalMs: int('PROGRAMME_ROLL_INTERVAL_MS', 15 * 60_000, 500, 24 * 3600_000),
    },
  };
  if (appEnv === 'production' && config.role !== 'worker') {
    // Without mail nobody could verify an address or reset a password: refuse to start (a
    // worker sends no email and needs neither).
    if (!config.smtpUrl) problems.push('SMTP_URL must be set in production');
    if (!env.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL must be set in production');
  }
  if (config.webhookConnectTimeoutMs >= config.webhookTimeoutMs)
    problems.push('WEBHOOK_CONNECT_TIMEOUT_MS must be shorter than WEBHOOK_TIMEOUT_MS');
  if (config.metricsToken && config.metricsToken.length < 16)
    problems.push('METRICS_TOKEN must be at least 16 characters');
  if (config.redisPrefix.includes(':')) problems.push('REDIS_PREFIX must not contain ":"');
  // Cheap hashes would make a leaked users table easy to crack: only the test suite may use them.
  if (config.passwordHashCost === 'fast' && appEnv !== 'test')
    problems.push('PASSWORD_HASH_COST=fast is only allowed with NODE_ENV=test');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The channels block (issue #13): each enabled channel must be fully configured. */
function loadChannels(
  env: Env,
  problems: string[],
  url: (name: string, fallback: string, protocols: string[]) => string,
  int: (name: string, fallback: number, min: number, max: number) => number,
  bool: (name: string, fallback: boolean) => boolean,
): ChannelsConfig {
  const names = (env.CHANNELS ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const enabled: ChannelName[] = [];
  for (const name of names) {
    if (name === 'whatsapp' || name === 'sms') {
      if (!enabled.includes(name)) enabled.push(name);
    } else problems.push(`CHANNELS must list whatsapp and/or sms (got "${name}")`);
  }
  const required = (name: string): string => {
    const value = env[name] ?? '';
    if (!value) problems.push(`${name} must be set when CHANNELS includes its channel`);
    return value;
  };
  const field = (name: string, fallback: string) => env[name] || fallback;
  const whatsapp: WhatsAppConfig | null = enabled.includes('whatsapp')
    ? {
        baseUrl: url('WHATSAPP_API_BASE_URL', 'https://graph.facebook.com', [
          'http:',
          'https:',
        ]).replace(/\/+$/, ''),
        apiVersion: field('WHATSAPP_API_VERSION', 'v21.0'),
        phoneNumberId: required('WHATSAPP_PHONE_NUMBER_ID'),
        accessToken: required('WHATSAPP_ACCESS_TOKEN'),
        appSecret: required('WHATSAPP_APP_SECRET'),
        verifyToken: required('WHATSAPP_VERIFY_TOKEN'),
        templateLanguage: field('WHATSAPP_TEMPLATE_LANGUAGE', 'id'),
      }
    : null;
  const sms: SmsGatewayConfig | null = enabled.includes('sms')
    ? {
        url: env.SMS_GATEWAY_URL
          ? url('SMS_GATEWAY_URL', env.SMS_GATEWAY_URL, ['http:', 'https:'])
          : required('SMS_GATEWAY_URL'),
        authorization: env.SMS_GATEWAY_AUTHORIZATION ?? '',
        senderId: field('SMS_SENDER_ID', 'JEMBATAN'),
        fields: {
          to: field('SMS_FIELD_TO', 'to'),
          text: field('SMS_FIELD_TEXT', 'text'),
          sender: field('SMS_FIELD_SENDER', 'from'),
          reference: field('SMS_FIELD_REFERENCE', 'reference'),
        },
        responseIdPath: field('SMS_RESPONSE_ID_PATH', 'id'),
        inboundSecret: required('SMS_INBOUND_SECRET'),
        inboundFields: {
          from: field('SMS_INBOUND_FIELD_FROM', 'from'),
          text: field('SMS_INBOUND_FIELD_TEXT', 'text'),
          id: field('SMS_INBOUND_FIELD_ID', 'id'),
          messageId: field('SMS_INBOUND_FIELD_MESSAGE_ID', 'messageId'),
          status: field('SMS_INBOUND_FIELD_STATUS', 'status'),
        },
      }
    : null;
  return {
    enabled,
    whatsapp,
    sms,
    fallbackToSms: bool('CHANNEL_FALLBACK_SMS', true) && sms !== null,
    retryUnitMs: int('CHANNEL_RETRY_UNIT_MS', 1000, 1, 1000),
    sendTimeoutMs: int('CHANNEL_SEND_TIMEOUT_MS', 10_000, 100, 60_000),
    otpTtlMinutes: int('PHONE_CODE_TTL_MINUTES', 10, 1, 60),
    otpMaxAttempts: int('PHONE_CODE_MAX_ATTEMPTS', 5, 1, 20),
  };
}
