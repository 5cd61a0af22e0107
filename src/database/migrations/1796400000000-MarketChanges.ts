import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A log of which listing, request, match and organization rows changed, by the transaction that
 * changed them (its xid8), so that the owner of a commodity's live market can read only what
 * changed since its last run (matching/live/open-market-cache.ts) instead of the whole market:
 * a change is new to a run exactly when its transaction was not visible in the snapshot the last
 * run read the log with (pg_visible_in_snapshot), whatever order transactions commit in, which a
 * timestamp or a sequence cannot tell. Written by statement-level triggers from the transition
 * tables (one INSERT per statement, not one trigger call per row); a TRUNCATE logs a row without
 * an id, which sends the next run back to a full load. Pruned by the market's expiry job.
 * Hand-written: triggers are outside what TypeORM generates from entities.
 */
export class MarketChanges1796400000000 implements MigrationInterface {
  name = 'MarketChanges1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE market_changes (
        xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        kind varchar(16) NOT NULL,
        commodity_code varchar(64),
        row_id uuid,
        logged_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX market_changes_by_xid ON market_changes (xid)`);
    await queryRunner.query(`CREATE INDEX market_changes_by_time ON market_changes (logged_at)`);
    // TG_ARGV[0]: the kind; the transition table is called "changed" in every trigger.
    await queryRunner.query(`
      CREATE FUNCTION market_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO market_changes (kind, commodity_code, row_id)
          SELECT TG_ARGV[0], changed.commodity_code, changed.id FROM changed;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION organizations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO market_changes (kind, row_id) SELECT 'organization', changed.id FROM changed;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION market_rows_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO market_changes (kind) VALUES ('truncate');
        RETURN NULL;
      END $$`);
    for (const [table, kind] of MARKET_TABLES) {
      // A trigger with transition tables has one event: three per table.
      for (const [event, transition] of [
        ['INSERT', 'NEW'],
        ['UPDATE', 'NEW'],
        ['DELETE', 'OLD'],
      ]) {
        await queryRunner.query(`
          CREATE TRIGGER ${table}_${event.toLowerCase()}_logged AFTER ${event} ON ${table}
          REFERENCING ${transition} TABLE AS changed
          FOR EACH STATEMENT EXECUTE FUNCTION market_rows_changed('${kind}')`);
      }
      await queryRunner.query(`
        CREATE TRIGGER ${table}_truncate_logged AFTER TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION market_rows_truncated()`);
    }
    await queryRunner.query(`
      CREATE TRIGGER organizations_update_logged AFTER UPDATE ON organizations
      REFERENCING NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION organizations_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER organizations_truncate_logged AFTER TRUNCATE ON organizations
      FOR EACH STATEMENT EXECUTE FUNCTION market_rows_truncated()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER organizations_truncate_logged ON organizations`);
    await queryRunner.query(`DROP TRIGGER organizations_update_logged ON organizations`);
    for (const [table] of MARKET_TABLES) {
      for (const event of ['insert', 'update', 'delete', 'truncate']) {
        await queryRunner.query(`DROP TRIGGER ${table}_${event}_logged ON ${table}`);
      }
    }
    await queryRunner.query(`DROP FUNCTION market_rows_truncated()`);
    await queryRunner.query(`DROP FUNCTION organizations_changed()`);
    await queryRunner.query(`DROP FUNCTION market_rows_changed()`);
    await queryRunner.query(`DROP TABLE market_changes`);
  }
}

/** The tables whose rows make a commodity's open market, and the kind each logs. */
const MARKET_TABLES = [
  ['supply_listings', 'listing'],
  ['demand_requests', 'request'],
  ['matches', 'match'],
] as const;
