import { MigrationInterface, QueryRunner } from 'typeorm';

export class StandingOrders1796009512629 implements MigrationInterface {
  name = 'StandingOrders1796009512629';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "standing_orders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "side" character varying(8) NOT NULL, "commodity_code" character varying(64) NOT NULL, "grade" character varying(16), "quantity" integer NOT NULL, "period" character varying(8) NOT NULL, "delivery_days" smallint array NOT NULL, "price_per_unit" integer NOT NULL, "region_code" character varying(16) NOT NULL, "window_days" smallint NOT NULL, "min_shelf_life_days_on_arrival" integer NOT NULL DEFAULT '1', "starts_on" date NOT NULL, "ends_on" date, "status" character varying(8) NOT NULL DEFAULT 'active', "notes" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_f8dc46d721ac5cda35f1b63889" CHECK (cardinality("delivery_days") BETWEEN 1 AND 7), CONSTRAINT "CHK_5995dd2860000f77e3b0f38fce" CHECK ("ends_on" IS NULL OR "starts_on" <= "ends_on"), CONSTRAINT "CHK_f326f6fa6c16d0dd800cc7f3ae" CHECK ("quantity" > 0 AND "price_per_unit" > 0 AND "window_days" BETWEEN 1 AND 30), CONSTRAINT "CHK_a3f310caaa52f2860aad33cbf1" CHECK ("period" IN ('day', 'week')), CONSTRAINT "CHK_f5c0d3823acfb060cd4ef1d34e" CHECK ("status" IN ('active', 'paused', 'ended')), CONSTRAINT "CHK_83b7d06401ee073b4a70367a0f" CHECK ("side" IN ('demand', 'supply')), CONSTRAINT "PK_5bde7c50f20e74a2ac021a11959" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6d12fb7956cf91dd7431e7d326" ON "standing_orders"  ("status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2af61b9cfe6d78980a9bcbddb9" ON "standing_orders"  ("organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "standing_order_slots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "standing_order_id" uuid NOT NULL, "slot_date" date NOT NULL, "quantity" integer NOT NULL, "demand_request_id" uuid, "supply_listing_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'active', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_e12c52daadf8234f976d8a3c79" CHECK (("demand_request_id" IS NULL) <> ("supply_listing_id" IS NULL)), CONSTRAINT "CHK_50e4c65395e8cc7c45a545036d" CHECK ("quantity" > 0), CONSTRAINT "CHK_92581600dda234d6db67ec9429" CHECK ("status" IN ('active', 'cancelled')), CONSTRAINT "PK_9b7a24b285c57d3d4619a001df8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4f1ba7413d38b3327e62c16a91" ON "standing_order_slots"  ("supply_listing_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_dc26ad907ac9b00ef8ed6c02e8" ON "standing_order_slots"  ("demand_request_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_2cd7fab57a6a0d2d312295cfc3" ON "standing_order_slots"  ("standing_order_id", "slot_date") WHERE "status" = 'active'`,
    );
    await queryRunner.query(
      `ALTER TABLE "standing_orders" ADD CONSTRAINT "FK_6c297396ec736e7dac263e16cb5" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "standing_order_slots" ADD CONSTRAINT "FK_16467d326afb1de3b076aa8738c" FOREIGN KEY ("standing_order_id") REFERENCES "standing_orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "standing_order_slots" DROP CONSTRAINT "FK_16467d326afb1de3b076aa8738c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "standing_orders" DROP CONSTRAINT "FK_6c297396ec736e7dac263e16cb5"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_2cd7fab57a6a0d2d312295cfc3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dc26ad907ac9b00ef8ed6c02e8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4f1ba7413d38b3327e62c16a91"`);
    await queryRunner.query(`DROP TABLE "standing_order_slots"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2af61b9cfe6d78980a9bcbddb9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6d12fb7956cf91dd7431e7d326"`);
    await queryRunner.query(`DROP TABLE "standing_orders"`);
  }
}
