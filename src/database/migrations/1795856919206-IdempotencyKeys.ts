import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1795856919206 implements MigrationInterface {
  name = 'IdempotencyKeys1795856919206';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scope" character varying(100) NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "status" character varying(16) NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_f3b9aa0f9df1cce2a2a793448a" CHECK ("status" IN ('in_flight', 'completed')), CONSTRAINT "PK_8ad20779ad0411107a56e53d0f6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5e72f040fdc5efc8eef52a388c" ON "idempotency_keys"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idempotency_keys_once_per_scope" ON "idempotency_keys"  ("scope", "key") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idempotency_keys_once_per_scope"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5e72f040fdc5efc8eef52a388c"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
