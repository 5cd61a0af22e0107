import { MigrationInterface, QueryRunner } from 'typeorm';

export class DealsAndNotifications1795855560549 implements MigrationInterface {
  name = 'DealsAndNotifications1795855560549';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trades" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "match_id" uuid NOT NULL, "supply_listing_id" uuid NOT NULL, "demand_request_id" uuid NOT NULL, "supplier_organization_id" uuid NOT NULL, "buyer_organization_id" uuid NOT NULL, "commodity_code" character varying(64) NOT NULL, "quantity" integer NOT NULL, "price_per_unit" integer NOT NULL, "transport_mode" character varying(16) NOT NULL, "transport_cost_per_unit" integer NOT NULL, "landed_cost_per_unit" integer NOT NULL, "departure_date" TIMESTAMP WITH TIME ZONE NOT NULL, "arrival_date" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'confirmed', "cancel_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_0047168b87580eead594d58884" CHECK ("quantity" > 0), CONSTRAINT "CHK_375995fe6926ac7b17bcd81b2f" CHECK ("status" IN ('confirmed', 'shipped', 'delivered', 'completed', 'cancelled')), CONSTRAINT "PK_c6d7c36a837411ba5194dc58595" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_3076b7749f7f393130e0725149" ON "trades"  ("match_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_72b80758254bc69b7ab8610289" ON "trades"  ("buyer_organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_2e262d7504078768a0955ecd30" ON "trades"  ("supplier_organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "organization_id" uuid NOT NULL, "event_id" uuid NOT NULL, "type" character varying(64) NOT NULL, "data" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_561fab4d192812183e7e91c5fa" ON "notifications"  ("organization_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notifications_once_per_event_and_organization" ON "notifications"  ("event_id", "organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "watchlists" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "commodity_code" character varying(64) NOT NULL, "origin_code" character varying(16), "destination_code" character varying(16), "min_quantity" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa3c717b50a10f7a435c65eda5a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_14dc3f182dd90660c15e098fcd" ON "watchlists"  ("organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_63876668a05e0eca86c9f6882c" ON "watchlists"  ("commodity_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "attempt_number" integer NOT NULL, "status_code" integer, "error" text, "duration_ms" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2de7e7887ad97de459adab62638" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_00d7b4c3f7d9306a46ecbc30fd" ON "webhook_attempts"  ("delivery_id", "attempt_number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "event_id" uuid NOT NULL, "event_type" character varying(64) NOT NULL, "body" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_6c3915fbeab58790a508580a65" CHECK ("status" IN ('pending', 'succeeded', 'failed')), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3f867d0adaf5ef6a96eb4cccde" ON "webhook_deliveries"  ("endpoint_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "webhook_deliveries_once_per_endpoint_and_event" ON "webhook_deliveries"  ("endpoint_id", "event_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "secret" character varying(100) NOT NULL, "event_types" text array NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "disabled_reason" text, "consecutive_failures" integer NOT NULL DEFAULT '0', "deleted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5cdb334f9bfd743e5431b694b9" ON "webhook_endpoints"  ("organization_id", "created_at", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_5cdb334f9bfd743e5431b694b9"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_once_per_endpoint_and_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3f867d0adaf5ef6a96eb4cccde"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_00d7b4c3f7d9306a46ecbc30fd"`);
    await queryRunner.query(`DROP TABLE "webhook_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_63876668a05e0eca86c9f6882c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_14dc3f182dd90660c15e098fcd"`);
    await queryRunner.query(`DROP TABLE "watchlists"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_once_per_event_and_organization"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_561fab4d192812183e7e91c5fa"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2e262d7504078768a0955ecd30"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_72b80758254bc69b7ab8610289"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3076b7749f7f393130e0725149"`);
    await queryRunner.query(`DROP TABLE "trades"`);
  }
}
