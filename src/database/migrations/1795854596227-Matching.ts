import { MigrationInterface, QueryRunner } from 'typeorm';

export class Matching1795854596227 implements MigrationInterface {
  name = 'Matching1795854596227';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agreements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "region_codes" text array NOT NULL, "commodity_codes" text array NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL, "priority_bonus_per_unit" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ab3c269582c99cbd2a1a4c3394" CHECK (cardinality("region_codes") = 2), CONSTRAINT "CHK_c191c3bec0f609c88264f2853c" CHECK ("priority_bonus_per_unit" >= 0), CONSTRAINT "CHK_95a3a79e2d2ca2617aeaa2f3e5" CHECK ("valid_from" <= "valid_until"), CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b845f0fffceb982c318b5e9811" ON "agreements"  ("valid_from", "valid_until") `,
    );
    await queryRunner.query(
      `CREATE TABLE "matches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "supply_listing_id" uuid NOT NULL, "demand_request_id" uuid NOT NULL, "supplier_organization_id" uuid NOT NULL, "buyer_organization_id" uuid NOT NULL, "commodity_code" character varying(64) NOT NULL, "quantity" integer NOT NULL, "price_per_unit" integer NOT NULL, "transport_mode" character varying(16) NOT NULL, "transport_cost_per_unit" integer NOT NULL, "landed_cost_per_unit" integer NOT NULL, "departure_date" TIMESTAMP WITH TIME ZONE NOT NULL, "arrival_date" TIMESTAMP WITH TIME ZONE NOT NULL, "shelf_life_days_on_arrival" double precision NOT NULL, "distance_km" integer NOT NULL, "gain_per_unit" integer NOT NULL, "agreement_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'proposed', "supplier_decision" character varying(16) NOT NULL DEFAULT 'pending', "buyer_decision" character varying(16) NOT NULL DEFAULT 'pending', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_e89a40b7ecb54fdee33394d4f4" CHECK ("buyer_decision" IN ('pending', 'accepted', 'declined')), CONSTRAINT "CHK_bb2c8d3c37b024f82115c11d1c" CHECK ("supplier_decision" IN ('pending', 'accepted', 'declined')), CONSTRAINT "CHK_3129600398feaf83df22918ff5" CHECK ("status" IN ('proposed', 'confirmed', 'declined', 'expired', 'superseded')), CONSTRAINT "CHK_172b5c64965570ea6108d042f6" CHECK ("quantity" > 0), CONSTRAINT "PK_8a22c7b2e0828988d51256117f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "matches_one_open_proposal_per_pair" ON "matches"  ("supply_listing_id", "demand_request_id") WHERE "status" = 'proposed' AND "supplier_decision" = 'pending' AND "buyer_decision" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_211940da90b0ddd0f5deeb417e" ON "matches"  ("buyer_organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_48c280b9b91a63c56831140131" ON "matches"  ("supplier_organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_9e2ad8f960191699d96d3eec40" ON "matches"  ("commodity_code", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3d77047abc277cafd3fae8ef11" ON "matches"  ("demand_request_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_21014ffc547263237af616fafb" ON "matches"  ("supply_listing_id", "status") `,
    );
    await queryRunner.query(
      `ALTER TABLE "matches" ADD CONSTRAINT "FK_f4bf7569e0dc9daf41fd66c8d9b" FOREIGN KEY ("supply_listing_id") REFERENCES "supply_listings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "matches" ADD CONSTRAINT "FK_bf18f3b79c064c76b25ee1af18e" FOREIGN KEY ("demand_request_id") REFERENCES "demand_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "matches" DROP CONSTRAINT "FK_bf18f3b79c064c76b25ee1af18e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "matches" DROP CONSTRAINT "FK_f4bf7569e0dc9daf41fd66c8d9b"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_21014ffc547263237af616fafb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3d77047abc277cafd3fae8ef11"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9e2ad8f960191699d96d3eec40"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_48c280b9b91a63c56831140131"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_211940da90b0ddd0f5deeb417e"`);
    await queryRunner.query(`DROP INDEX "public"."matches_one_open_proposal_per_pair"`);
    await queryRunner.query(`DROP TABLE "matches"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b845f0fffceb982c318b5e9811"`);
    await queryRunner.query(`DROP TABLE "agreements"`);
  }
}
