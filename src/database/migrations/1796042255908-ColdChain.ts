import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cold chain per leg (#10 point 4): chilled, frozen and cold-chain-required commodities,
 * hubs that keep a reefer lot cold (reefer plugs or a cold store), a buyer's declared cold
 * storage, and a proposal's chilled days, cold chain and the shelf life a break cost. Every new
 * column is nullable or has a default: rows from before keep their meaning (no cold store,
 * ambient days), and older proposals show null.
 */
export class ColdChain1796042255908 implements MigrationInterface {
  name = 'ColdChain1796042255908';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "commodities" ADD "shelf_life_days_frozen" integer`);
    await queryRunner.query(
      `ALTER TABLE "commodities" ADD "cold_chain_required" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "demand_requests" ADD "cold_storage" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "matches" ADD "chilled_shelf_life_days_on_arrival" double precision`,
    );
    await queryRunner.query(`ALTER TABLE "matches" ADD "cold_chain" character varying(8)`);
    await queryRunner.query(
      `ALTER TABLE "matches" ADD "cold_chain_break_shelf_days" double precision`,
    );
    await queryRunner.query(
      `ALTER TABLE "hub_handling" ADD "cold_store" boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "hub_handling" DROP COLUMN "cold_store"`);
    await queryRunner.query(`ALTER TABLE "matches" DROP COLUMN "cold_chain_break_shelf_days"`);
    await queryRunner.query(`ALTER TABLE "matches" DROP COLUMN "cold_chain"`);
    await queryRunner.query(
      `ALTER TABLE "matches" DROP COLUMN "chilled_shelf_life_days_on_arrival"`,
    );
    await queryRunner.query(`ALTER TABLE "demand_requests" DROP COLUMN "cold_storage"`);
    await queryRunner.query(`ALTER TABLE "commodities" DROP COLUMN "cold_chain_required"`);
    await queryRunner.query(`ALTER TABLE "commodities" DROP COLUMN "shelf_life_days_frozen"`);
  }
}
