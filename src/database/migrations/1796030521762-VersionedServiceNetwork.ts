import { MigrationInterface, QueryRunner } from 'typeorm';

/** [table, key column, old primary key on the key, new primary key on id] */
const TABLES: [string, string, string, string][] = [
  ['sea_services', 'code', 'PK_15faba1f64e56f3d98e673c0660', 'PK_4d3fc031d9a40458dd69d379661'],
  ['ferry_crossings', 'code', 'PK_74153e3d6f7b6c5e2c3657f671e', 'PK_527ba10eaa32ccf43406e81885d'],
  ['air_routes', 'code', 'PK_509b1476d144dbd210ddda05a5b', 'PK_276485f0f5768c155b36aa322be'],
  ['truck_classes', 'code', 'PK_169e075141e51048f7ecf333504', 'PK_9604f99c063b7ea304c99acedd9'],
  ['hub_handling', 'hub', 'PK_7f56b5b04b24790eebc6b7db933', 'PK_3392036dac465266c01524daa1b'],
];

/**
 * The service network becomes versioned (#10 point 1): each row of the five tables is one
 * revision of its code, with its own id; an administrator's edit supersedes the current revision
 * and inserts the next, so history is kept. One current revision per code (partial unique index).
 * The seeded rows become revision 1 of their code.
 */
export class VersionedServiceNetwork1796030521762 implements MigrationInterface {
  name = 'VersionedServiceNetwork1796030521762';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, key, oldPk, newPk] of TABLES) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "id" uuid NOT NULL DEFAULT gen_random_uuid()`,
      );
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${oldPk}"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${newPk}" PRIMARY KEY ("id")`,
      );
      await queryRunner.query(`ALTER TABLE "${table}" ADD "revision" integer NOT NULL DEFAULT '1'`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD "active" boolean NOT NULL DEFAULT true`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "superseded_at" TIMESTAMP WITH TIME ZONE`,
      );
      await queryRunner.query(`ALTER TABLE "${table}" ADD "changed_by" uuid`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
      );
      await queryRunner.query(
        `CREATE UNIQUE INDEX "UQ_${table}_current" ON "${table}" ("${key}") WHERE "superseded_at" IS NULL`,
      );
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "UQ_${table}_revision" UNIQUE ("${key}", "revision")`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, key, oldPk, newPk] of TABLES) {
      // Only the current revisions survive a rollback (the old tables had one row per code).
      await queryRunner.query(`DELETE FROM "${table}" WHERE superseded_at IS NOT NULL`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "UQ_${table}_revision"`);
      await queryRunner.query(`DROP INDEX "public"."UQ_${table}_current"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${newPk}"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${oldPk}" PRIMARY KEY ("${key}")`,
      );
      for (const column of [
        'created_at',
        'changed_by',
        'superseded_at',
        'active',
        'revision',
        'id',
      ])
        await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
    }
  }
}
