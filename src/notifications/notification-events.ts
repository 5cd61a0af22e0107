import type { DomainEventType } from '../events/event-catalog';

/**
 * Domain events that reach organizations under their own name (inbox, webhooks, streams): each
 * party of a match or trade, and the organization an administrator decided on.
 */
export const NOTIFIED_DOMAIN_EVENTS = [
  'match.proposed',
  'match.accepted',
  'match.confirmed',
  'match.declined',
  'match.expired',
  'match.superseded',
  'trade.updated',
  'organization.verified',
  'organization.rejected',
  // A regional price spike (#12), told to the region's government and procurement offices.
  'price.spike_detected',
] as const satisfies readonly DomainEventType[];

/** Notifications that are not domain events: derived by the fan-out, or told by the worker. */
export const DERIVED_NOTIFICATIONS = [
  'opportunity.matched',
  'webhook.disabled',
  // Told by the programme worker (#12): agreement steps to both governments, periods behind.
  'agreement.proposed',
  'agreement.accepted',
  'agreement.declined',
  'agreement.withdrawn',
  'agreement.ending',
  'agreement.behind',
] as const;

export type NotificationType =
  (typeof NOTIFIED_DOMAIN_EVENTS)[number] | (typeof DERIVED_NOTIFICATIONS)[number];

/**
 * Notification types an organization can receive (and subscribe webhooks to), in the order the
 * API has always listed them; checked against the catalog below.
 */
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
  'price.spike_detected',
] as const satisfies readonly NotificationType[];

/** Fails to compile when a notification type is missing from the list above. */
type Never<T extends never> = T;
export type EveryNotificationTypeListed = Never<
  Exclude<NotificationType, (typeof NOTIFICATION_TYPES)[number]>
>;

/** Redis pub/sub channel that wakes the live streams of every API process. */
export const notificationChannel = (redisPrefix: string) => `${redisPrefix}-notifications`;
