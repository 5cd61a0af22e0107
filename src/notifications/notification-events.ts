/** Notification types an organization can receive (and subscribe webhooks to). */
export const NOTIFICATION_TYPES = [
  'match.proposed',
  'match.accepted',
  'match.confirmed',
  'match.declined',
  'match.expired',
  'match.superseded',
  'trade.updated',
  'opportunity.matched',
  'webhook.disabled',
  'organization.verified',
  'organization.rejected',
  // Programme rails (#12): agreement steps, told to both governments, and periods behind.
  'agreement.proposed',
  'agreement.accepted',
  'agreement.declined',
  'agreement.withdrawn',
  'agreement.ending',
  'agreement.behind',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Redis pub/sub channel that wakes the live streams of every API process. */
export const notificationChannel = (redisPrefix: string) => `${redisPrefix}-notifications`;
