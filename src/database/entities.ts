import { Organization } from '../accounts/organization.entity';
import { User } from '../accounts/user.entity';
import { DemandRequest } from '../market/demand/demand-request.entity';
import { SupplyListing } from '../market/supply/supply-listing.entity';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { Commodity } from '../reference/commodity.entity';
import { Hub } from '../reference/hub.entity';
import { Region } from '../reference/region.entity';
import { TransportMode } from '../reference/transport-mode.entity';

/** Every entity, listed once: the Nest module, the CLI data source and the tests share it. */
export const ENTITIES = [
  Region,
  Commodity,
  TransportMode,
  Hub,
  Organization,
  User,
  SupplyListing,
  DemandRequest,
  OutboxEvent,
];
