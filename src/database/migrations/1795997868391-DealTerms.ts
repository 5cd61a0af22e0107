import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shipped vs delivered quantities, shrink and route on matches; delivered quantity and the terms
 * snapshot on trades. Rows written before this counted shipped as delivered (no shrink), so they
 * are backfilled that way, then the columns become NOT NULL as the entities declare.
 */
export class DealTerms1795997868391 implements MigrationInterface {
  name = 'DealTerms1795997868391';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trades" ADD "quantity_delivered" integer`);
    await queryRunner.query(`UPDATE "trades" SET "quantity_delivered" = "quantity"`);
    await queryRunner.query(`ALTER TABLE "trades" ALTER COLUMN "quantity_delivered" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "trades" ADD "terms" jsonb`);
    await queryRunner.query(`ALTER TABLE "matches" ADD "quantity_delivered" integer`);
    await queryRunner.query(`UPDATE "matches" SET "quantity_delivered" = "quantity"`);
    await queryRunner.query(`ALTER TABLE "matches" ALTER COLUMN "quantity_delivered" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "matches" ADD "shrink_rate" double precision NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`ALTER TABLE "matches" ALTER COLUMN "shrink_rate" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "matches" ADD "route" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "matches" ALTER COLUMN "route" DROP DEFAULT`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "matches" DROP COLUMN "route"`);
    await queryRunner.query(`ALTER TABLE "matches" DROP COLUMN "shrink_rate"`);
    await queryRunner.query(`ALTER TABLE "matches" DROP COLUMN "quantity_delivered"`);
    await queryRunner.query(`ALTER TABLE "trades" DROP COLUMN "terms"`);
    await queryRunner.query(`ALTER TABLE "trades" DROP COLUMN "quantity_delivered"`);
  }
}
