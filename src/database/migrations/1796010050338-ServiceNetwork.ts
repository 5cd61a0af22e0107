import { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceNetwork1796010050338 implements MigrationInterface {
  name = 'ServiceNetwork1796010050338';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sea_services" ("code" character varying(100) NOT NULL, "from_hub" character varying(64) NOT NULL, "to_hub" character varying(64) NOT NULL, "kind" character varying(16) NOT NULL, "sailing_hours" double precision NOT NULL, "departures_per_week" double precision NOT NULL, "reefer_plugs" integer NOT NULL, "lcl" boolean NOT NULL, "rate20ft_idr" integer, "rate20ft_reefer_idr" integer, "lcl_idr_per_kg" integer NOT NULL, "lcl_min_kg" integer NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_15faba1f64e56f3d98e673c0660" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ferry_crossings" ("code" character varying(100) NOT NULL, "from_hub" character varying(64) NOT NULL, "to_hub" character varying(64) NOT NULL, "crossing_hours" double precision NOT NULL, "departures_per_day" double precision NOT NULL, "fare_pickup_idr" integer NOT NULL, "fare_engkel_idr" integer NOT NULL, "fare_fuso_idr" integer NOT NULL, "fare_tronton_idr" integer NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_74153e3d6f7b6c5e2c3657f671e" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "air_routes" ("code" character varying(100) NOT NULL, "from_hub" character varying(64) NOT NULL, "to_hub" character varying(64) NOT NULL, "flights_per_day" double precision NOT NULL, "flight_hours" double precision NOT NULL, "idr_per_kg" integer NOT NULL, "min_charge_kg" integer NOT NULL, "document_fee_idr" integer NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_509b1476d144dbd210ddda05a5b" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "truck_classes" ("code" character varying(32) NOT NULL, "name" character varying(100) NOT NULL, "reefer" boolean NOT NULL, "capacity_kg" integer NOT NULL, "ferry_class" character varying(16) NOT NULL, "idr_per_km" integer NOT NULL, "min_trip_idr" integer NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_169e075141e51048f7ecf333504" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "hub_handling" ("hub" character varying(64) NOT NULL, "handling_hours" double precision NOT NULL, "handling_idr_per_kg" integer NOT NULL, "source" text NOT NULL, CONSTRAINT "PK_7f56b5b04b24790eebc6b7db933" PRIMARY KEY ("hub"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "network_closures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "target" character varying(100) NOT NULL, "closed_from" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_until" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "reopened_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_be8be1ddda116d0a4d5953e6f86" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "service_network_versions" ("version" SERIAL NOT NULL, "change" text NOT NULL, "changed_by" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7b563a630686d9902f6370d2f42" PRIMARY KEY ("version"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "service_network_versions"`);
    await queryRunner.query(`DROP TABLE "network_closures"`);
    await queryRunner.query(`DROP TABLE "hub_handling"`);
    await queryRunner.query(`DROP TABLE "truck_classes"`);
    await queryRunner.query(`DROP TABLE "air_routes"`);
    await queryRunner.query(`DROP TABLE "ferry_crossings"`);
    await queryRunner.query(`DROP TABLE "sea_services"`);
  }
}
