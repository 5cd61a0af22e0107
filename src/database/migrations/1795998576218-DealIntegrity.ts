import { MigrationInterface, QueryRunner } from 'typeorm';

export class DealIntegrity1795998576218 implements MigrationInterface {
  name = 'DealIntegrity1795998576218';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "trades" DROP CONSTRAINT "CHK_375995fe6926ac7b17bcd81b2f"`,
    );
    await queryRunner.query(
      `CREATE TABLE "match_exclusions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "counterpart_organization_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "reason" character varying(16) NOT NULL, "note" text, "commodity_code" character varying(64) NOT NULL, "supply_listing_id" uuid, "demand_request_id" uuid, "match_id" uuid, "trade_id" uuid, "terms" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lifted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_59000318656e6f6331aa73e918" CHECK (("kind" = 'pair' AND "supply_listing_id" IS NOT NULL AND "demand_request_id" IS NOT NULL AND "terms" IS NOT NULL) OR "kind" = 'partner'), CONSTRAINT "CHK_187878274bbe2735845969232c" CHECK ("kind" IN ('pair', 'partner')), CONSTRAINT "CHK_b19d6685211176a40c7f13d12a" CHECK ("reason" IN ('price', 'quantity', 'timing', 'quality', 'partner', 'other')), CONSTRAINT "PK_7fc19640141ade4d4fa2942efd4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5aa9db8597fec363bf6f1d1828" ON "match_exclusions"  ("counterpart_organization_id", "lifted_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8baa877f785d8a89472488df4b" ON "match_exclusions"  ("commodity_code", "lifted_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d37422aa7dc873ed8f0b159b50" ON "match_exclusions"  ("organization_id", "created_at", "id") `,
    );
    await queryRunner.query(`ALTER TABLE "trades" ADD "grade" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "trades" ADD "failure_reason" text`);
    await queryRunner.query(`ALTER TABLE "trades" ADD "received_quantity" integer`);
    await queryRunner.query(`ALTER TABLE "trades" ADD "grade_on_arrival" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "trades" ADD "claim_status" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "trades" ADD "claim_short_quantity" integer`);
    await queryRunner.query(`ALTER TABLE "trades" ADD "claim_below_grade" boolean`);
    await queryRunner.query(`ALTER TABLE "trades" ADD "claim_response" text`);
    await queryRunner.query(`ALTER TABLE "matches" ADD "superseded_reason" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "matches" ADD "trade_id" uuid`);
    await queryRunner.query(`ALTER TABLE "matches" ADD "trade_status" character varying(16)`);
    await queryRunner.query(
      `ALTER TABLE "trades" ADD CONSTRAINT "CHK_8c0453ad9bc3462b47f14f0a13" CHECK ("received_quantity" IS NULL OR "received_quantity" >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "trades" ADD CONSTRAINT "CHK_3a3ddc322439a360eab6d5cff7" CHECK ("claim_status" IS NULL OR "claim_status" IN ('open', 'accepted', 'disputed'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "trades" ADD CONSTRAINT "CHK_f68ec2666b7b39f9731bee99e2" CHECK ("status" IN ('confirmed', 'shipped', 'delivered', 'completed', 'cancelled', 'failed'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "trades" DROP CONSTRAINT "CHK_f68ec2666b7b39f9731bee99e2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "trades" DROP CONSTRAINT "CHK_3a3ddc322439a360eab6d5cff7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "trades" DROP CONSTRAINT "CHK_8c0453ad9bc3462b47f14f0a13"`,
    );
    await queryRunner.query(`ALTER TABLE "matches" DROP COLUMN "trade_status"`);
    await queryRunner.query(`ALTER TABLE "matches" DROP COLUMN "trade_id"`);
    await queryRunner.query(`ALTER TABLE "matches" DROP COLUMN "superseded_reason"`);
    await queryRunner.query(`ALTER TABLE "trades" DROP COLUMN "claim_response"`);
    await queryRunner.query(`ALTER TABLE "trades" DROP COLUMN "claim_below_grade"`);
    await queryRunner.query(`ALTER TABLE "trades" DROP COLUMN "claim_short_quantity"`);
    await queryRunner.query(`ALTER TABLE "trades" DROP COLUMN "claim_status"`);
    await queryRunner.query(`ALTER TABLE "trades" DROP COLUMN "grade_on_arrival"`);
    await queryRunner.query(`ALTER TABLE "trades" DROP COLUMN "received_quantity"`);
    await queryRunner.query(`ALTER TABLE "trades" DROP COLUMN "failure_reason"`);
    await queryRunner.query(`ALTER TABLE "trades" DROP COLUMN "grade"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d37422aa7dc873ed8f0b159b50"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8baa877f785d8a89472488df4b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5aa9db8597fec363bf6f1d1828"`);
    await queryRunner.query(`DROP TABLE "match_exclusions"`);
    await queryRunner.query(
      `ALTER TABLE "trades" ADD CONSTRAINT "CHK_375995fe6926ac7b17bcd81b2f" CHECK (((status)::text = ANY ((ARRAY['confirmed'::character varying, 'shipped'::character varying, 'delivered'::character varying, 'completed'::character varying, 'cancelled'::character varying])::text[])))`,
    );
  }
}
