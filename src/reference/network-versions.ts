import type { EntityManager } from 'typeorm';

/**
 * Records a change of the service network as a new version, in the caller's transaction. The
 * highest version is what every process's cached network is checked against before a matching
 * run (TransportNetworkProvider), so whoever changes the network (the seeder, an administrator's
 * closure coming into force or ending) records it here and every process reloads.
 */
export async function recordNetworkVersion(
  manager: EntityManager,
  change: string,
  changedBy: string | null = null,
): Promise<void> {
  await manager.query(`INSERT INTO service_network_versions (change, changed_by) VALUES ($1, $2)`, [
    change.slice(0, 2000),
    changedBy,
  ]);
}
