import type { EntityManager } from 'typeorm';
import { COMMODITIES_OF_ORGANIZATION_SQL } from '../../accounts/organization-events';
import type { OutboxWriter } from '../../outbox/outbox.writer';
import { DomainEvents } from '../../events/domain-events';
import { supersedeProposals } from '../proposal-supersession';

/** The reason a proposal states when a party excluded the other as a partner. */
export const PARTNER_EXCLUDED = 'partner_excluded';

/**
 * A partner exclusion spans every commodity: in the transaction of the decline, supersede the open
 * proposals between the two organizations (in either role), and re-optimise every commodity either
 * of them trades in, so that what those proposals held goes back to the market and the engine
 * routes around the partner everywhere, not only in the commodity of the declined match.
 */
export async function excludePartnerEverywhere(
  manager: EntityManager,
  outbox: OutboxWriter,
  organizationId: string,
  partnerOrganizationId: string,
): Promise<void> {
  const open = await manager.query<{ id: string }[]>(
    `SELECT id FROM matches
      WHERE status = 'proposed'
        AND ((supplier_organization_id = $1 AND buyer_organization_id = $2)
          OR (supplier_organization_id = $2 AND buyer_organization_id = $1))
      ORDER BY id FOR UPDATE`,
    [organizationId, partnerOrganizationId],
  );
  await supersedeProposals(
    manager,
    outbox,
    open.map((m) => m.id),
    PARTNER_EXCLUDED,
  );
  await reoptimizeCommoditiesOf(manager, outbox, [organizationId, partnerOrganizationId]);
}

/** One re-optimising event per commodity any of these organizations trades in. */
export async function reoptimizeCommoditiesOf(
  manager: EntityManager,
  outbox: OutboxWriter,
  organizationIds: string[],
): Promise<void> {
  const codes = new Set<string>();
  for (const id of organizationIds) {
    const rows = await manager.query<{ commodity_code: string }[]>(
      COMMODITIES_OF_ORGANIZATION_SQL,
      [id],
    );
    for (const row of rows) codes.add(row.commodity_code);
  }
  await outbox.append(
    manager,
    [...codes]
      .sort()
      .map((commodityCode) =>
        DomainEvents.exclusionPartnerExcluded(organizationIds, commodityCode),
      ),
  );
}
