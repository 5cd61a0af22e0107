import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganizationTrust1795997606072 implements MigrationInterface {
  name = 'OrganizationTrust1795997606072';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "verification_status" character varying(16) NOT NULL DEFAULT 'unverified'`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "contact_name" character varying(200)`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" ADD "phone" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "email" character varying(320)`);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "CHK_e690c3e5d99d18ce65ef6f821e" CHECK ("verification_status" IN ('unverified', 'verified', 'rejected'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organizations" DROP CONSTRAINT "CHK_e690c3e5d99d18ce65ef6f821e"`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "email"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "phone"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "contact_name"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "verification_status"`);
  }
}
