import type { EntityManager } from 'typeorm';
import { Organization } from './organization.entity';

/** Organizations by id, loaded in one query, for views that show each party the other. */
export type OrganizationDirectory = ReadonlyMap<string, Organization>;

export async function loadOrganizations(
  manager: EntityManager,
  ids: readonly string[],
): Promise<OrganizationDirectory> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await manager
    .getRepository(Organization)
    .createQueryBuilder('o')
    .where('o.id IN (:...ids)', { ids: unique })
    .getMany();
  return new Map(rows.map((o) => [o.id, o]));
}
