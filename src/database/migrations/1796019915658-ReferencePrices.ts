import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferencePrices1796019915658 implements MigrationInterface {
  name = 'ReferencePrices1796019915658';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "price_zones" ("code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "province_codes" character varying array NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_be53638d7b49f04bb3b4bd0ea08" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "price_references" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "commodity_code" character varying(64) NOT NULL, "zone_code" character varying(32) NOT NULL, "level" character varying(16) NOT NULL, "kind" character varying(8) NOT NULL, "low_per_unit" integer, "high_per_unit" integer NOT NULL, "effective_from" date NOT NULL, "regulation" character varying(200) NOT NULL, "source" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fd9fd5ce7c778794f1b3be06c92" UNIQUE ("commodity_code", "zone_code", "level", "kind", "effective_from"), CONSTRAINT "CHK_01114b1a3af2497f460043b576" CHECK ("high_per_unit" > 0 AND ("low_per_unit" IS NULL OR "low_per_unit" BETWEEN 1 AND "high_per_unit")), CONSTRAINT "CHK_8828facebd59274b3af3c16f2a" CHECK ("kind" IN ('HAP', 'HET')), CONSTRAINT "CHK_f5670dbebe53ef2e586d8f9397" CHECK ("level" IN ('producer', 'consumer')), CONSTRAINT "PK_4d5894be9c1698cedc15dcfedcb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_318ff92cd18d1660bf733ec548" ON "price_references"  ("commodity_code", "effective_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "price_observations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region_code" character varying(16) NOT NULL, "commodity_code" character varying(64) NOT NULL, "observed_on" date NOT NULL, "price_per_unit" integer NOT NULL, "spike" boolean NOT NULL DEFAULT false, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_cfc59313f687f1efed9f66a8756" UNIQUE ("region_code", "commodity_code", "observed_on"), CONSTRAINT "CHK_64f69d6fa17f875ae3dc99a2aa" CHECK ("price_per_unit" > 0), CONSTRAINT "PK_e6c673b1a567075d17a300a7f71" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "price_spikes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region_code" character varying(16) NOT NULL, "commodity_code" character varying(64) NOT NULL, "observed_on" date NOT NULL, "price_per_unit" integer NOT NULL, "median_per_unit" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a448cdb9d398f543a9b271caa5d" UNIQUE ("region_code", "commodity_code", "observed_on"), CONSTRAINT "PK_2027b66c212e44958078392f695" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "price_ceiling_policy" character varying(32) NOT NULL DEFAULT 'none'`,
    );
    await queryRunner.query(`ALTER TABLE "matches" ADD "reference_band" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "CHK_bfdb9d73ab493c7b69f5cef878" CHECK ("price_ceiling_policy" IN ('none', 'reference_ceiling'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organizations" DROP CONSTRAINT "CHK_bfdb9d73ab493c7b69f5cef878"`,
    );
    await queryRunner.query(`ALTER TABLE "matches" DROP COLUMN "reference_band"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "price_ceiling_policy"`);
    await queryRunner.query(`DROP TABLE "price_spikes"`);
    await queryRunner.query(`DROP TABLE "price_observations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_318ff92cd18d1660bf733ec548"`);
    await queryRunner.query(`DROP TABLE "price_references"`);
    await queryRunner.query(`DROP TABLE "price_zones"`);
  }
}
