import { AuditLogEntry } from '../admin/audit-log.entity';
import { PlatformAdministrator } from '../admin/platform-administrator.entity';
import { ChannelMessage } from '../channels/messages/channel-message.entity';
import { ChannelRoute } from '../channels/messages/channel-route.entity';
import { InboundMessageRow } from '../channels/messages/inbound-message.entity';
import { ProposalCode } from '../channels/messages/proposal-code.entity';
import { UserPhone } from '../channels/phones/user-phone.entity';
import { SellDraftRow } from '../channels/sell/sell-draft.entity';
import { Agreement, AgreementPeriodAlert } from '../agreements/agreement.entity';
import { CommodityRationingPolicy } from '../matching/rationing/rationing-policy.entity';
import {
  BalanceFlowContribution,
  BalanceFlowWeek,
  BalanceRegionContribution,
  BalanceRegionWeek,
  BalanceSource,
} from '../balance/balance.entities';
import { Trade } from '../deals/trade.entity';
import { Notification } from '../notifications/inbox/notification.entity';
import { Watchlist } from '../notifications/watchlists/watchlist.entity';
import { WebhookAttempt } from '../notifications/webhooks/webhook-attempt.entity';
import { WebhookDelivery } from '../notifications/webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from '../notifications/webhooks/webhook-endpoint.entity';
import { IdempotencyKey } from '../platform/idempotency-key.entity';
import { Organization } from '../accounts/organization.entity';
import { User } from '../accounts/user.entity';
import { AccountToken } from '../accounts/auth/account-token.entity';
import { Invitation } from '../accounts/members/invitation.entity';
import { RefreshToken } from '../accounts/sessions/refresh-token.entity';
import { Session } from '../accounts/sessions/session.entity';
import { DemandRequest } from '../market/demand/demand-request.entity';
import { SupplyListing } from '../market/supply/supply-listing.entity';
import { Match } from '../matching/match.entity';
import { MarketOwner } from '../matching/live/market-owner.entity';
import { MatchExclusion } from '../matching/exclusions/exclusion.entity';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { Commodity } from '../reference/commodity.entity';
import { Hub } from '../reference/hub.entity';
import { Region } from '../reference/region.entity';
import {
  PriceObservation,
  PriceReference,
  PriceSpike,
  PriceZone,
} from '../prices/price-reference.entities';
import { TransportMode } from '../reference/transport-mode.entity';
import {
  AirRouteRow,
  FerryCrossingRow,
  HubHandlingRow,
  NetworkClosureRow,
  SeaServiceRow,
  ServiceNetworkVersionRow,
  TruckClassRow,
} from '../reference/service-network.entities';
import {
  StandingOrder,
  StandingOrderSlot,
} from '../programmes/standing-orders/standing-order.entity';

/** Every entity, listed once: the Nest module, the CLI data source and the tests share it. */
export const ENTITIES = [
  CommodityRationingPolicy,
  MarketOwner,
  Region,
  Commodity,
  TransportMode,
  Hub,
  // The service network (h10).
  SeaServiceRow,
  FerryCrossingRow,
  AirRouteRow,
  TruckClassRow,
  HubHandlingRow,
  NetworkClosureRow,
  ServiceNetworkVersionRow,
  Organization,
  User,
  SupplyListing,
  DemandRequest,
  OutboxEvent,
  Match,
  Agreement,
  Trade,
  Notification,
  Watchlist,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
  IdempotencyKey,
  Session,
  RefreshToken,
  AccountToken,
  Invitation,
  PlatformAdministrator,
  AuditLogEntry,
  MatchExclusion,
  UserPhone,
  ChannelRoute,
  ChannelMessage,
  InboundMessageRow,
  ProposalCode,
  SellDraftRow,
  // Programme rails (#12).
  StandingOrder,
  StandingOrderSlot,
  AgreementPeriodAlert,
  // Reference prices (#12 point 3).
  PriceZone,
  PriceReference,
  PriceObservation,
  PriceSpike,
  // The regional balance (#12 point 5).
  BalanceRegionWeek,
  BalanceFlowWeek,
  BalanceRegionContribution,
  BalanceFlowContribution,
  BalanceSource,
];
