import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wakes the outbox relay as soon as an event commits (NOTIFY is delivered at commit), so that
 * the relay does not have to poll fast to keep proposal latency low. Polling stays as a fallback.
 * Hand-written: triggers are outside what TypeORM generates from entities.
 */
export class OutboxNotify1795852078100 implements MigrationInterface {
  name = 'OutboxNotify1795852078100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_events', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_notify()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_events_notify ON outbox_events`);
    await queryRunner.query(`DROP FUNCTION outbox_events_notify()`);
  }
}
