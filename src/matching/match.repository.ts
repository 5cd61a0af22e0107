import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { chunksOf, rowsPerStatement } from '../common/chunks';
import { queryReturning } from '../common/query-returning';
import { Match } from './match.entity';

/** A proposal as a matching run writes it (the columns without database defaults). */
export type NewProposal = QueryDeepPartialEntity<Match> & {
  supplierOrganizationId: string;
  buyerOrganizationId: string;
  status: 'proposed';
};

export interface SupersededProposal {
  id: string;
  commodityCode: string;
  supplierOrganizationId: string;
  buyerOrganizationId: string;
}

/**
 * The writes of matching to `matches`, in the caller's transaction. Every statement's size is
 * bounded whatever the market's size: inserts go in chunks below PostgreSQL's bind-parameter
 * limit, updates take one array parameter.
 */
export class MatchRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Inserts new proposals; returns their ids in the order of `rows`. */
  async insertProposals(rows: NewProposal[]): Promise<string[]> {
    const repository = this.manager.getRepository(Match);
    // TypeORM binds one parameter per column of the entity for every row.
    const perStatement = rowsPerStatement(repository.metadata.columns.length);
    const ids: string[] = [];
    for (const chunk of chunksOf(rows, perStatement)) {
      const inserted = await repository.insert(chunk);
      ids.push(...inserted.identifiers.map((i) => String(i.id)));
    }
    return ids;
  }

  /**
   * Proposals still awaiting an answer (open or held by one side) whose route passes through
   * `target`: a hub the legs start or end at, or the service a leg travels on.
   */
  async proposalsUsing(target: string): Promise<string[]> {
    const rows = await this.manager.query<{ id: string }[]>(
      `SELECT id FROM matches m
        WHERE status = 'proposed'
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(m.route) AS leg
                       WHERE leg->>'from' = $1 OR leg->>'to' = $1 OR leg->>'service' = $1
                          -- A road link (roadLinkTarget: its two places in code-point order).
                          OR (leg->>'kind' = 'road'
                              AND 'road:' || least(leg->>'from' COLLATE "C", leg->>'to' COLLATE "C")
                                  || ':' || greatest(leg->>'from' COLLATE "C", leg->>'to' COLLATE "C")
                                  = $1))`,
      [target],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Marks open proposals superseded with a reason. Conditional on `status = 'proposed'`: one
   * confirmed, declined or expired meanwhile is left as it is and not returned.
   */
  async supersede(ids: string[], reason: string): Promise<SupersededProposal[]> {
    if (ids.length === 0) return [];
    return queryReturning<SupersededProposal>(
      this.manager,
      `UPDATE matches SET status = 'superseded', superseded_reason = $2, updated_at = now()
        WHERE id = ANY($1) AND status = 'proposed'
        RETURNING id, commodity_code AS "commodityCode",
                  supplier_organization_id AS "supplierOrganizationId",
                  buyer_organization_id AS "buyerOrganizationId"`,
      [ids, reason],
    );
  }

  /**
   * Expires the proposals nobody finished answering in time. Conditional on `status =
   * 'proposed'`: one confirmed or declined meanwhile keeps its status.
   */
  async expireDue(): Promise<SupersededProposal[]> {
    return queryReturning<SupersededProposal>(
      this.manager,
      `UPDATE matches SET status = 'expired', updated_at = now()
          WHERE status = 'proposed' AND expires_at <= now()
          RETURNING id, commodity_code AS "commodityCode",
                    supplier_organization_id AS "supplierOrganizationId",
                    buyer_organization_id AS "buyerOrganizationId"`,
    );
  }

  /** Keeps a match's copy of its trade's status in step with the trade. */
  async setTradeStatus(matchId: string, tradeStatus: string): Promise<void> {
    await this.manager.query(
      `UPDATE matches SET trade_status = $2, updated_at = now() WHERE id = $1`,
      [matchId, tradeStatus],
    );
  }

  /** Saves a match an answer changed (decisions, status, its trade), locked by the caller. */
  save(match: Match): Promise<Match> {
    return this.manager.save(match);
  }

  /**
   * Locks a match one of its parties answers, with the listing and the request under it first:
   * a market edit locks its row and then the proposals resting on it (to supersede them), so
   * taking the locks in the same order here means an acceptance and an edit wait for each other
   * instead of deadlocking. FOR NO KEY UPDATE, as the edit does, leaves a matching run free to
   * insert proposals (FOR KEY SHARE) while it holds proposals this acceptance waits for. Null when
   * the organization is party to no such match.
   */
  async lockVisible(organizationId: string, id: string): Promise<Match | null> {
    const [pair] = await this.manager.query<
      { supply_listing_id: string; demand_request_id: string }[]
    >(
      `SELECT supply_listing_id, demand_request_id FROM matches
        WHERE id = $1 AND (supplier_organization_id = $2 OR buyer_organization_id = $2)`,
      [id, organizationId],
    );
    if (!pair) return null;
    await this.manager.query(`SELECT 1 FROM supply_listings WHERE id = $1 FOR NO KEY UPDATE`, [
      pair.supply_listing_id,
    ]);
    await this.manager.query(`SELECT 1 FROM demand_requests WHERE id = $1 FOR NO KEY UPDATE`, [
      pair.demand_request_id,
    ]);
    return this.manager
      .getRepository(Match)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :id', { id })
      .andWhere('(m.supplier_organization_id = :org OR m.buyer_organization_id = :org)', {
        org: organizationId,
      })
      .getOne();
  }
}
