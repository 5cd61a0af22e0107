import { MigrationInterface, QueryRunner } from 'typeorm';

export class AdministratorsAndTrust1795998021411 implements MigrationInterface {
  name = 'AdministratorsAndTrust1795998021411';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_user_id" uuid, "actor_label" character varying(320) NOT NULL, "action" character varying(64) NOT NULL, "target_type" character varying(32) NOT NULL, "target_id" uuid NOT NULL, "target_label" character varying(320) NOT NULL, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c2d96830fa583dd8cf9823b954" ON "audit_log"  ("target_type", "target_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c36612d0fbfad5bd75c57a10f4" ON "audit_log"  ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "platform_administrators" ("user_id" uuid NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b541a5d76c26dc1c62406400220" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD "verified_counterparts_only" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "matches" ADD "agreement_bonus_per_unit" integer NOT NULL DEFAULT '0'`,
    );
    // Proposals made so far carry the bonus inside gain_per_unit: move it to its own column,
    // so that no match shows a bonus as gain. (Agreements are never edited, so their bonus
    // now is the bonus the engine used.)
    await queryRunner.query(
      `UPDATE "matches" m SET "agreement_bonus_per_unit" = a."priority_bonus_per_unit", "gain_per_unit" = m."gain_per_unit" - a."priority_bonus_per_unit" FROM "agreements" a WHERE a."id" = m."agreement_id"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_fbb69ad5edfc481b6948440e27" ON "organizations"  ("verification_status", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "platform_administrators" ADD CONSTRAINT "FK_b541a5d76c26dc1c62406400220" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "platform_administrators" DROP CONSTRAINT "FK_b541a5d76c26dc1c62406400220"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_fbb69ad5edfc481b6948440e27"`);
    await queryRunner.query(
      `UPDATE "matches" SET "gain_per_unit" = "gain_per_unit" + "agreement_bonus_per_unit"`,
    );
    await queryRunner.query(`ALTER TABLE "matches" DROP COLUMN "agreement_bonus_per_unit"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "verified_counterparts_only"`);
    await queryRunner.query(`DROP TABLE "platform_administrators"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c36612d0fbfad5bd75c57a10f4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c2d96830fa583dd8cf9823b954"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
