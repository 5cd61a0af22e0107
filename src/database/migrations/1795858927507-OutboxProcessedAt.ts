import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxProcessedAt1795858927507 implements MigrationInterface {
  name = 'OutboxProcessedAt1795858927507';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "outbox_events" ADD "processed_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_events_unprocessed" ON "outbox_events"  ("published_at") WHERE "processed_at" IS NULL`,
    );
    // Events already relayed before this column existed were processed (or are queued): do not
    // hand them all to the relay again.
    await queryRunner.query(
      `UPDATE "outbox_events" SET "processed_at" = "published_at" WHERE "published_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_events_unprocessed"`);
    await queryRunner.query(`ALTER TABLE "outbox_events" DROP COLUMN "processed_at"`);
  }
}
