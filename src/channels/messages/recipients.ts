import type { EntityManager } from 'typeorm';
import type { ChannelName } from '../adapters/channel-adapter';
import type { Language } from '../texts/indonesian-format';

export interface ChannelRecipient {
  userId: string;
  organizationId: string;
  phone: string;
  language: Language;
  regionCode: string;
  channel: ChannelName;
}

/** Event types people can receive by WhatsApp or SMS (the routes' vocabulary). */
export const CHANNEL_EVENT_TYPES = [
  'match.proposed',
  'match.accepted',
  'match.confirmed',
  'match.declined',
  'match.expired',
] as const;
export type ChannelEventType = (typeof CHANNEL_EVENT_TYPES)[number];

/**
 * Who in these organizations gets this event, and on which channel: the organization's route for
 * the event type (default: the first channel the deployment offers), to every member whose phone
 * is verified and opted in to that channel.
 */
export async function channelRecipients(
  manager: EntityManager,
  organizationIds: string[],
  eventType: ChannelEventType,
  enabled: readonly ChannelName[],
): Promise<ChannelRecipient[]> {
  if (organizationIds.length === 0 || enabled.length === 0) return [];
  const rows = await manager.query<
    (Omit<ChannelRecipient, 'channel'> & {
      channel: string;
      whatsappOptIn: boolean;
      smsOptIn: boolean;
    })[]
  >(
    `SELECT p.user_id AS "userId", p.organization_id AS "organizationId", p.phone,
            p.language, o.region_code AS "regionCode", COALESCE(r.channel, $3) AS channel,
            p.whatsapp_opt_in AS "whatsappOptIn", p.sms_opt_in AS "smsOptIn"
       FROM user_phones p
       JOIN organizations o ON o.id = p.organization_id
       LEFT JOIN channel_routes r ON r.organization_id = p.organization_id AND r.event_type = $2
      WHERE p.organization_id = ANY($1) AND p.verified_at IS NOT NULL
      ORDER BY p.created_at, p.user_id`,
    [organizationIds, eventType, enabled[0]],
  );
  return rows
    .filter(
      (r) =>
        (r.channel === 'whatsapp' && r.whatsappOptIn && enabled.includes('whatsapp')) ||
        (r.channel === 'sms' && r.smsOptIn && enabled.includes('sms')),
    )
    .map((r) => ({
      userId: r.userId,
      organizationId: r.organizationId,
      phone: r.phone,
      language: r.language,
      regionCode: r.regionCode,
      channel: r.channel as ChannelName,
    }));
}
