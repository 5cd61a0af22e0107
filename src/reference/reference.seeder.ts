import { EntityManager } from 'typeorm';
import { seedPriceReferences } from '../prices/price-reference.seeder';
import { Commodity } from './commodity.entity';
import { Hub } from './hub.entity';
import {
  readCommodities,
  readHubs,
  readRegions,
  readServiceNetwork,
  readTransportModes,
} from './reference-data';
import {
  AirRouteRow,
  FerryCrossingRow,
  HubHandlingRow,
  SeaServiceRow,
  ServiceNetworkVersionRow,
  TruckClassRow,
} from './service-network.entities';
import { Region } from './region.entity';
import { TransportMode } from './transport-mode.entity';

export interface SeedCounts {
  regions: number;
  commodities: number;
  transportModes: number;
  hubs: number;
  priceReferences: number;
}

/**
 * Idempotent. Regions and commodities follow the files (a corrected name or shelf life lands on
 * the next start); transport modes and hubs are only inserted when missing, because operators
 * calibrate them in the database and a restart must not undo that.
 */
export async function seedReferenceData(manager: EntityManager): Promise<SeedCounts> {
  const regions = readRegions();
  const commodities = readCommodities();
  const modes = readTransportModes();
  const hubs = readHubs();

  await manager.upsert(Region, regions, ['code']);
  await manager.upsert(Commodity, commodities, ['code']);
  await manager
    .createQueryBuilder()
    .insert()
    .into(TransportMode)
    .values(modes)
    .orIgnore()
    .execute();
  await manager.createQueryBuilder().insert().into(Hub).values(hubs).orIgnore().execute();

  // The service network, like hubs, belongs to administrators once seeded: missing rows only.
  const network = readServiceNetwork();
  const tables: [new () => unknown, unknown[]][] = [
    [SeaServiceRow, network.seaServices],
    [FerryCrossingRow, network.ferryCrossings],
    [AirRouteRow, network.airRoutes],
    [TruckClassRow, network.truckClasses],
    [HubHandlingRow, network.hubHandling],
  ];
  let inserted = 0;
  for (const [entity, rows] of tables) {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows)
      .orIgnore()
      .returning('*')
      .execute();
    inserted += (result.raw as unknown[]).length;
  }
  if (inserted > 0) {
    await manager.insert(ServiceNetworkVersionRow, {
      change: `seeded ${inserted} service-network rows from src/reference/data`,
      changedBy: null,
    });
  }

  // Reference prices (#12 point 3): after commodities and regions, which they name.
  const priceReferences = await seedPriceReferences(manager);

  return {
    regions: regions.length,
    commodities: commodities.length,
    transportModes: modes.length,
    hubs: hubs.length,
    priceReferences,
  };
}
