import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795852078063 implements MigrationInterface {
  name = 'Init1795852078063';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "regions" ("code" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(16) NOT NULL, "province_code" character varying(16), "island_group" character varying(40) NOT NULL, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, CONSTRAINT "PK_4f6dc5a464961e7c65a395ea4c6" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b886e8c580a496f6cea9b380ae" ON "regions"  ("province_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "type" character varying(16) NOT NULL, "region_code" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_6d9d9259201281aeddc1d506e1" CHECK ("type" IN ('cooperative', 'procurement', 'trader', 'government')), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL, "password_hash" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_21a659804ed7bf61eb91688dea" ON "users"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users"  ("email") `,
    );
    await queryRunner.query(
      `CREATE TABLE "commodities" ("code" character varying(64) NOT NULL, "name_id" character varying(200) NOT NULL, "name_en" character varying(200) NOT NULL, "category" character varying(40) NOT NULL, "unit" character varying(8) NOT NULL, "grade_standard" character varying(100), "grades" text array NOT NULL, "shelf_life_days_ambient" integer NOT NULL, "shelf_life_days_cold" integer NOT NULL, "typical_price_per_unit" integer NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_7f7f04bf1cb7f2cae0f0c5f56cd" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "demand_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "commodity_code" character varying(64) NOT NULL, "min_grade" character varying(16), "quantity" integer NOT NULL, "remaining_quantity" integer NOT NULL, "max_price_per_unit" integer NOT NULL, "destination_region_code" character varying(16) NOT NULL, "deliver_from" TIMESTAMP WITH TIME ZONE, "deliver_by" TIMESTAMP WITH TIME ZONE NOT NULL, "min_shelf_life_days_on_arrival" integer NOT NULL DEFAULT '1', "notes" text NOT NULL DEFAULT '', "status" character varying(16) NOT NULL DEFAULT 'open', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_f9ca550fc1c3c5639ee54ce176" CHECK ("min_shelf_life_days_on_arrival" >= 0), CONSTRAINT "CHK_1262bbf977451902a70fe5f0c1" CHECK ("deliver_from" IS NULL OR "deliver_from" <= "deliver_by"), CONSTRAINT "CHK_b70d216cd80c97fd2a094e3698" CHECK ("status" IN ('open', 'fulfilled', 'withdrawn', 'expired')), CONSTRAINT "CHK_b82723d3a4772577fea2d9d2f2" CHECK ("quantity" > 0 AND "remaining_quantity" >= 0 AND "remaining_quantity" <= "quantity"), CONSTRAINT "PK_f74cf5b027c2ef3a14cf50661e3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_6f67e169ee96b2dceab94eb579" ON "demand_requests"  ("commodity_code", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4d5ac4a08be4a857707f947ffb" ON "demand_requests"  ("organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "supply_listings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "commodity_code" character varying(64) NOT NULL, "grade" character varying(16), "quantity" integer NOT NULL, "min_order_quantity" integer, "remaining_quantity" integer NOT NULL, "price_per_unit" integer NOT NULL, "origin_region_code" character varying(16) NOT NULL, "available_from" TIMESTAMP WITH TIME ZONE NOT NULL, "available_until" TIMESTAMP WITH TIME ZONE NOT NULL, "harvested_at" TIMESTAMP WITH TIME ZONE, "notes" text NOT NULL DEFAULT '', "status" character varying(16) NOT NULL DEFAULT 'open', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_b61fcd725803dabde3fecb878c" CHECK ("available_from" <= "available_until"), CONSTRAINT "CHK_d910460ec3582636df656c2420" CHECK ("status" IN ('open', 'exhausted', 'withdrawn', 'expired')), CONSTRAINT "CHK_900ac3d660f9e373fa339d218f" CHECK ("quantity" > 0 AND "remaining_quantity" >= 0 AND "remaining_quantity" <= "quantity"), CONSTRAINT "PK_a0d2d0c1b268c17ff4b07735ed5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_394db4129c1f48f246b3a42cd2" ON "supply_listings"  ("commodity_code", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_32e4793418af115ec956ca7144" ON "supply_listings"  ("organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_events" ("id" uuid NOT NULL, "type" character varying(64) NOT NULL, "aggregate_type" character varying(32) NOT NULL, "aggregate_id" uuid NOT NULL, "payload" jsonb NOT NULL, "correlation_id" character varying(100), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_85ca65d119cee338ec8d714bfa" ON "outbox_events"  ("aggregate_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_events_unpublished" ON "outbox_events"  ("created_at") WHERE "published_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "hubs" ("code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "city" character varying(200) NOT NULL, "province_code" character varying(16) NOT NULL, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, "iata" character varying(8), "source" text NOT NULL, CONSTRAINT "PK_a5b22a077572b2ebcff8be166e2" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "transport_modes" ("mode" character varying(16) NOT NULL, "detour_factor" double precision NOT NULL, "speed_kmh" double precision NOT NULL, "handling_days" double precision NOT NULL, "wait_days" double precision NOT NULL, "fixed_idr_per_kg" double precision NOT NULL, "idr_per_kg_km" double precision NOT NULL, "reefer_multiplier" double precision NOT NULL, "shrink_fraction" double precision NOT NULL, "needs_sea_or_air_between_islands" boolean NOT NULL, "note" text NOT NULL, CONSTRAINT "PK_e9c44f33373a04b3f6354fe4e9a" PRIMARY KEY ("mode"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "FK_c3197e5729ee63b66b923616a1f" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "demand_requests" ADD CONSTRAINT "FK_67b1edca4fd5183c0a0a001ae1b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "demand_requests" ADD CONSTRAINT "FK_3387e1b2b47051dba7e0cf2fd1d" FOREIGN KEY ("commodity_code") REFERENCES "commodities"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "demand_requests" ADD CONSTRAINT "FK_704280a6f06f0d103b0a197bafc" FOREIGN KEY ("destination_region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supply_listings" ADD CONSTRAINT "FK_046cf248db1d46b6650be36d324" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supply_listings" ADD CONSTRAINT "FK_b3fdd6fc2ab348c3aca18aade16" FOREIGN KEY ("commodity_code") REFERENCES "commodities"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supply_listings" ADD CONSTRAINT "FK_345f4d3b9dd1e1439ae5fed03a6" FOREIGN KEY ("origin_region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "supply_listings" DROP CONSTRAINT "FK_345f4d3b9dd1e1439ae5fed03a6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "supply_listings" DROP CONSTRAINT "FK_b3fdd6fc2ab348c3aca18aade16"`,
    );
    await queryRunner.query(
      `ALTER TABLE "supply_listings" DROP CONSTRAINT "FK_046cf248db1d46b6650be36d324"`,
    );
    await queryRunner.query(
      `ALTER TABLE "demand_requests" DROP CONSTRAINT "FK_704280a6f06f0d103b0a197bafc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "demand_requests" DROP CONSTRAINT "FK_3387e1b2b47051dba7e0cf2fd1d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "demand_requests" DROP CONSTRAINT "FK_67b1edca4fd5183c0a0a001ae1b"`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"`);
    await queryRunner.query(
      `ALTER TABLE "organizations" DROP CONSTRAINT "FK_c3197e5729ee63b66b923616a1f"`,
    );
    await queryRunner.query(`DROP TABLE "transport_modes"`);
    await queryRunner.query(`DROP TABLE "hubs"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_events_unpublished"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_85ca65d119cee338ec8d714bfa"`);
    await queryRunner.query(`DROP TABLE "outbox_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_32e4793418af115ec956ca7144"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_394db4129c1f48f246b3a42cd2"`);
    await queryRunner.query(`DROP TABLE "supply_listings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4d5ac4a08be4a857707f947ffb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6f67e169ee96b2dceab94eb579"`);
    await queryRunner.query(`DROP TABLE "demand_requests"`);
    await queryRunner.query(`DROP TABLE "commodities"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_97672ac88f789774dd47f7c8be"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_21a659804ed7bf61eb91688dea"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b886e8c580a496f6cea9b380ae"`);
    await queryRunner.query(`DROP TABLE "regions"`);
  }
}
