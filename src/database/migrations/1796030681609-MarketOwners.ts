import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leases on commodities' live markets (#15): one worker owns each commodity's live market, and
 * a matching run checks the owner's fencing token in the transaction that writes proposals
 * (src/matching/live/market-lease.repository.ts).
 */
export class MarketOwners1796030681609 implements MigrationInterface {
  name = 'MarketOwners1796030681609';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "market_owners" ("commodity_code" character varying(64) NOT NULL, "owner_id" character varying(200) NOT NULL, "token" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acquired_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_392243b615c4aace27bbcece1b0" PRIMARY KEY ("commodity_code"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "market_owners"`);
  }
}
