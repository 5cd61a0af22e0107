import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each commodity shares a shortage (#12): `fair` or `max-gain`, set by administrators. No row
 * means the default (staples fair: src/matching/rationing/rationing-policy.store.ts).
 */
export class RationingPolicies1796020359185 implements MigrationInterface {
  name = 'RationingPolicies1796020359185';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "commodity_rationing_policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "commodity_code" character varying(64) NOT NULL, "policy" character varying(16) NOT NULL, "updated_by_user_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "commodity_rationing_policies_policy" CHECK ("policy" IN ('fair', 'max-gain')), CONSTRAINT "PK_dba9f242b4d34153b89fd6236e6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "commodity_rationing_policies_commodity" ON "commodity_rationing_policies"  ("commodity_code") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."commodity_rationing_policies_commodity"`);
    await queryRunner.query(`DROP TABLE "commodity_rationing_policies"`);
  }
}
