import type { EntityManager } from 'typeorm';

const ALLOCATION_TRIES = 5;

/**
 * Short codes for proposals, per organization (both members of a cooperative answer the same
 * proposal under the same code). Four digits from 1000 (no leading zero to drop), drawn at random
 * among the codes not in use; codes of proposals that are no longer open are released first.
 */
export class ProposalCodes {
  constructor(private readonly manager: EntityManager) {}

  async codeFor(organizationId: string, matchId: string): Promise<string> {
    const existing = await this.find(organizationId, matchId);
    if (existing) return existing;
    await this.manager.query(
      `UPDATE proposal_codes c SET released_at = now()
         FROM matches m
        WHERE c.organization_id = $1 AND c.released_at IS NULL AND m.id = c.match_id
          AND m.status <> 'proposed'`,
      [organizationId],
    );
    for (let i = 0; i < ALLOCATION_TRIES; i++) {
      // ON CONFLICT without a target covers both unique indexes: another handler gave this match
      // a code meanwhile (found below), or took the drawn code (drawn again).
      const [row] = await this.manager.query<{ code: string }[]>(
        `INSERT INTO proposal_codes (organization_id, match_id, code)
         SELECT $1, $2, n::text FROM generate_series(1000, 9999) AS n
          WHERE n::text NOT IN (SELECT code FROM proposal_codes
                                 WHERE organization_id = $1 AND released_at IS NULL)
          ORDER BY random() LIMIT 1
         ON CONFLICT DO NOTHING
         RETURNING code`,
        [organizationId, matchId],
      );
      if (row) return row.code;
      const raced = await this.find(organizationId, matchId);
      if (raced) return raced;
    }
    throw new Error(`could not allocate a proposal code for organization ${organizationId}`);
  }

  /** The proposal a code names for this organization: the one in use, else the latest. */
  async matchFor(organizationId: string, code: string): Promise<string | null> {
    const [row] = await this.manager.query<{ match_id: string }[]>(
      `SELECT match_id FROM proposal_codes WHERE organization_id = $1 AND code = $2
        ORDER BY released_at IS NULL DESC, created_at DESC LIMIT 1`,
      [organizationId, code],
    );
    return row?.match_id ?? null;
  }

  private async find(organizationId: string, matchId: string): Promise<string | null> {
    const [row] = await this.manager.query<{ code: string }[]>(
      `SELECT code FROM proposal_codes WHERE organization_id = $1 AND match_id = $2`,
      [organizationId, matchId],
    );
    return row?.code ?? null;
  }
}
