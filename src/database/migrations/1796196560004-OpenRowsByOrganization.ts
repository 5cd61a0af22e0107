import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partial indexes of each organization's open listings and requests: the tenant cap counts them
 * on every post while the organization's other posts wait their turn (common/tenant-cap.ts), so
 * the count reads a few index pages instead of every row the organization ever posted. A plain
 * CREATE INDEX (migrations run in one transaction): it holds writes to the two tables while it
 * builds.
 */
export class OpenRowsByOrganization1796196560004 implements MigrationInterface {
  name = 'OpenRowsByOrganization1796196560004';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "demand_requests_open_by_organization" ON "demand_requests" ("organization_id") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX "supply_listings_open_by_organization" ON "supply_listings" ("organization_id") WHERE "status" = 'open'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."supply_listings_open_by_organization"`);
    await queryRunner.query(`DROP INDEX "public"."demand_requests_open_by_organization"`);
  }
}
