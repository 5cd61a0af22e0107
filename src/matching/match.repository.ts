import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { chunksOf, rowsPerStatement } from '../database/chunks';
import { queryReturning } from '../database/query-returning';
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
                       WHERE leg->>'from' = $1 OR leg->>'to' = $1 OR leg->>'service' = $1)`,
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
}
