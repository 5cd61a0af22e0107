import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { SRC, sourceFiles } from './source-imports';

/** Entity class -> table, read from the `@Entity({ name })` decorators of src/. */
export function entityTables(files = sourceFiles()): Map<string, string> {
  const tables = new Map<string, string>();
  const decorated = /@Entity\(\{\s*name:\s*'([a-z_]+)'[^)]*\)[\s\S]*?export class (\w+)/g;
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(decorated)) tables.set(m[2], m[1]);
  }
  return tables;
}

const SQL_WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([a-z_]+)"?/g;

/**
 * Every file of src/ that writes each table: raw SQL (`INSERT INTO`, `UPDATE`, `DELETE FROM`) and
 * TypeORM writes that name their entity (`getRepository(E).insert/update/delete/save/upsert`,
 * `manager.create(E, ...)` before a save, `manager.insert/update/delete/upsert(E, ...)`,
 * query builders' `.update(E)`, `.into(E)`, `.delete().from(E)`). A `manager.save(row)` of a row
 * loaded elsewhere names no entity: such writes are found through the file that created or
 * loaded the row for change, which is the same owner in this codebase.
 */
export function tableWriters(files = sourceFiles()): Map<string, Set<string>> {
  const tables = entityTables(files);
  const known = new Set(tables.values());
  const writers = new Map<string, Set<string>>();
  const add = (table: string, file: string) => {
    if (!known.has(table)) return;
    const set = writers.get(table) ?? new Set<string>();
    set.add(relative(SRC, file));
    writers.set(table, set);
  };
  const entityNames = [...tables.keys()].join('|');
  const ormWrite = new RegExp(
    [
      `getRepository\\((${entityNames})\\)\\s*\\.(?:insert|update|delete|save|upsert|softDelete)\\(`,
      `\\.(?:create|insert|update|delete|upsert)\\((${entityNames})\\b`,
      `\\.into\\((${entityNames})\\)`,
      `\\.delete\\(\\)\\s*\\.from\\((${entityNames})\\)`,
    ].join('|'),
    'g',
  );
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(SQL_WRITE)) add(m[1], file);
    for (const m of source.matchAll(ormWrite)) {
      const entity = m.slice(1).find((g) => g !== undefined)!;
      add(tables.get(entity)!, file);
    }
  }
  return writers;
}
