import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegionalBalance1796020051499 implements MigrationInterface {
  name = 'RegionalBalance1796020051499';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "balance_region_weeks" ("region_code" character varying(16) NOT NULL, "commodity_code" character varying(64) NOT NULL, "week_start" date NOT NULL, "level" character varying(8) NOT NULL, "supply_posted" bigint NOT NULL DEFAULT '0', "demand_posted" bigint NOT NULL DEFAULT '0', "proposed_in" bigint NOT NULL DEFAULT '0', "proposed_out" bigint NOT NULL DEFAULT '0', "confirmed_in" bigint NOT NULL DEFAULT '0', "confirmed_out" bigint NOT NULL DEFAULT '0', "delivered_in" bigint NOT NULL DEFAULT '0', "delivered_out" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_d4bfcd0d34be4da071290ffe07c" PRIMARY KEY ("region_code", "commodity_code", "week_start"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "balance_region_weeks_by_commodity" ON "balance_region_weeks"  ("commodity_code", "level", "week_start", "region_code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "balance_region_weeks_by_level" ON "balance_region_weeks"  ("level", "week_start", "region_code", "commodity_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "balance_flow_weeks" ("origin_code" character varying(16) NOT NULL, "destination_code" character varying(16) NOT NULL, "commodity_code" character varying(64) NOT NULL, "week_start" date NOT NULL, "level" character varying(8) NOT NULL, "proposed" bigint NOT NULL DEFAULT '0', "confirmed" bigint NOT NULL DEFAULT '0', "delivered" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_0f250ad42ff21db1278eed531bc" PRIMARY KEY ("origin_code", "destination_code", "commodity_code", "week_start"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "balance_flow_weeks_by_destination" ON "balance_flow_weeks"  ("destination_code", "week_start") `,
    );
    await queryRunner.query(
      `CREATE INDEX "balance_flow_weeks_by_level" ON "balance_flow_weeks"  ("level", "week_start", "origin_code", "destination_code", "commodity_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "balance_region_contributions" ("source_id" uuid NOT NULL, "region_code" character varying(16) NOT NULL, "commodity_code" character varying(64) NOT NULL, "week_start" date NOT NULL, "level" character varying(8) NOT NULL, "supply_posted" bigint NOT NULL DEFAULT '0', "demand_posted" bigint NOT NULL DEFAULT '0', "proposed_in" bigint NOT NULL DEFAULT '0', "proposed_out" bigint NOT NULL DEFAULT '0', "confirmed_in" bigint NOT NULL DEFAULT '0', "confirmed_out" bigint NOT NULL DEFAULT '0', "delivered_in" bigint NOT NULL DEFAULT '0', "delivered_out" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_c9d84f8add9a6340273699acbae" PRIMARY KEY ("source_id", "region_code", "commodity_code", "week_start"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "balance_flow_contributions" ("source_id" uuid NOT NULL, "origin_code" character varying(16) NOT NULL, "destination_code" character varying(16) NOT NULL, "commodity_code" character varying(64) NOT NULL, "week_start" date NOT NULL, "level" character varying(8) NOT NULL, "proposed" bigint NOT NULL DEFAULT '0', "confirmed" bigint NOT NULL DEFAULT '0', "delivered" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_78db53ed5c100ea073c131c8cca" PRIMARY KEY ("source_id", "origin_code", "destination_code", "commodity_code", "week_start"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "balance_sources" ("source_id" uuid NOT NULL, "source_type" character varying(16) NOT NULL, "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_58920fd3771ca45364291002b8d" PRIMARY KEY ("source_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "balance_sources"`);
    await queryRunner.query(`DROP TABLE "balance_flow_contributions"`);
    await queryRunner.query(`DROP TABLE "balance_region_contributions"`);
    await queryRunner.query(`DROP INDEX "public"."balance_flow_weeks_by_level"`);
    await queryRunner.query(`DROP INDEX "public"."balance_flow_weeks_by_destination"`);
    await queryRunner.query(`DROP TABLE "balance_flow_weeks"`);
    await queryRunner.query(`DROP INDEX "public"."balance_region_weeks_by_level"`);
    await queryRunner.query(`DROP INDEX "public"."balance_region_weeks_by_commodity"`);
    await queryRunner.query(`DROP TABLE "balance_region_weeks"`);
  }
}
