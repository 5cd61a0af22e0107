import { MigrationInterface, QueryRunner } from 'typeorm';

/** Disruptions (#10): when a closure came into force and when it ended, each claimed once. */
export class NetworkClosureLifecycle1796020000000 implements MigrationInterface {
  name = 'NetworkClosureLifecycle1796020000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "network_closures" ADD "started_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_closures" ADD "ended_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_closures" ADD CONSTRAINT "CHK_network_closures_period" CHECK ("closed_until" > "closed_from")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "network_closures" DROP CONSTRAINT "CHK_network_closures_period"`,
    );
    await queryRunner.query(`ALTER TABLE "network_closures" DROP COLUMN "ended_at"`);
    await queryRunner.query(`ALTER TABLE "network_closures" DROP COLUMN "started_at"`);
  }
}
