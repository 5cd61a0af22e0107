import { MigrationInterface, QueryRunner } from 'typeorm';

export class TwoPartyAgreements1796011011998 implements MigrationInterface {
  name = 'TwoPartyAgreements1796011011998';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agreement_period_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_id" uuid NOT NULL, "commodity_code" character varying(64) NOT NULL, "period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "committed" integer NOT NULL, "confirmed" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bff29374981e00bed1b60866428" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_690dd1f83aa23428aa95791190" ON "agreement_period_alerts"  ("agreement_id", "commodity_code", "period_start") `,
    );
    await queryRunner.query(`ALTER TABLE "agreements" ADD "counterpart_organization_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD "status" character varying(16) NOT NULL DEFAULT 'in_force'`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" ADD "accepted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD "commitments" jsonb NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" ADD "shortfall_penalty_per_unit" integer`);
    await queryRunner.query(`ALTER TABLE "agreements" ADD "price_floor_per_unit" integer`);
    await queryRunner.query(`ALTER TABLE "agreements" ADD "price_ceiling_per_unit" integer`);
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD "notice_days" integer NOT NULL DEFAULT '30'`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD "end_notice_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" ADD "end_notice_by_organization_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "CHK_7a2e874b34cb498a15a558a959" CHECK ("notice_days" >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "CHK_559d04623b96c340e3c9f13d36" CHECK ("shortfall_penalty_per_unit" IS NULL OR "shortfall_penalty_per_unit" > 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "CHK_a660ab3237ede540b0f75e5c71" CHECK ("price_floor_per_unit" IS NULL OR "price_ceiling_per_unit" IS NULL OR "price_floor_per_unit" <= "price_ceiling_per_unit")`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" ADD CONSTRAINT "CHK_c40d17310ce34e54eb352258b1" CHECK ("status" IN ('proposed', 'in_force', 'declined', 'withdrawn'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "agreements" DROP CONSTRAINT "CHK_c40d17310ce34e54eb352258b1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" DROP CONSTRAINT "CHK_a660ab3237ede540b0f75e5c71"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" DROP CONSTRAINT "CHK_559d04623b96c340e3c9f13d36"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreements" DROP CONSTRAINT "CHK_7a2e874b34cb498a15a558a959"`,
    );
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "end_notice_by_organization_id"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "end_notice_at"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "notice_days"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "price_ceiling_per_unit"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "price_floor_per_unit"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "shortfall_penalty_per_unit"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "commitments"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "accepted_at"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "status"`);
    await queryRunner.query(`ALTER TABLE "agreements" DROP COLUMN "counterpart_organization_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_690dd1f83aa23428aa95791190"`);
    await queryRunner.query(`DROP TABLE "agreement_period_alerts"`);
  }
}
