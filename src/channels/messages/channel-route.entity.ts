import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

export const ROUTE_CHANNELS = ['whatsapp', 'sms', 'none'] as const;
export type RouteChannel = (typeof ROUTE_CHANNELS)[number];

/** An organization's choice of channel for one event type (no row: the default, see routes). */
@Entity({ name: 'channel_routes' })
@Check(`"channel" IN ('whatsapp', 'sms', 'none')`)
export class ChannelRoute {
  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  eventType: string;

  @Column({ type: 'varchar', length: 16, nullable: false })
  channel: RouteChannel;
}
