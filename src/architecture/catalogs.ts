import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SRC, folderOf, sourceFiles } from './source-imports';
import { tableWriters } from './table-writers';

/**
 * The three catalogs of docs/architecture.md, computed from the code, so that a spec can check
 * the document against them: which files emit each domain event, which class handles each job,
 * and which folder writes each table.
 */

/** Event type -> the files that build it with a `DomainEvents` factory (and emit it). */
export function eventEmitters(files = sourceFiles()): Map<string, string[]> {
  const factories = readFileSync(join(SRC, 'events', 'domain-events.ts'), 'utf8');
  // Each factory's text runs from `  name: (` to the next factory; the event types it builds
  // are the catalog types it names (a step factory takes its type as a parameter).
  const typesOfFactory = new Map<string, string[]>();
  const body = factories.slice(factories.indexOf('export const DomainEvents'));
  const starts = [...body.matchAll(/^ {2}(\w+): \(/gm)];
  starts.forEach((m, i) => {
    const text = body.slice(m.index, starts[i + 1]?.index ?? body.length);
    const types = [...text.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((t) => t[1]);
    typesOfFactory.set(m[1], [...new Set(types)]);
  });
  const emitters = new Map<string, Set<string>>();
  for (const types of typesOfFactory.values()) {
    for (const type of types) emitters.set(type, new Set());
  }
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/DomainEvents\.(\w+)\(/g)) {
      for (const type of typesOfFactory.get(m[1]) ?? [])
        emitters.get(type)!.add(relative(SRC, file));
    }
  }
  return new Map([...emitters].map(([type, set]) => [type, [...set].sort()]));
}

/** Job name -> the file of its `@JobProcessor` class. */
export function jobHandlers(files = sourceFiles()): Map<string, string[]> {
  const handlers = new Map<string, string[]>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/@JobProcessor\(\s*'([a-z-]+)'/g)) {
      handlers.set(m[1], [...(handlers.get(m[1]) ?? []), relative(SRC, file)]);
    }
  }
  return handlers;
}

/** Table -> the top-level folders whose files write it, and those files. */
export function tableOwners(
  files = sourceFiles(),
): Map<string, { folders: string[]; files: string[] }> {
  const owners = new Map<string, { folders: string[]; files: string[] }>();
  for (const [table, writers] of tableWriters(files)) {
    const list = [...writers].sort();
    owners.set(table, {
      folders: [...new Set(list.map((f) => folderOf(join(SRC, f))))].sort(),
      files: list,
    });
  }
  return owners;
}

/** Job name -> the files that add it (`enqueue`, `enqueueBulk`, `repeat`, `jobRequest`). */
export function jobProducers(files = sourceFiles()): Map<string, string[]> {
  const producers = new Map<string, Set<string>>();
  for (const file of files) {
    if (file.endsWith(join('queue', 'job-queue.ts'))) continue;
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(
      /\b(?:enqueue|enqueueBulk|requeueBulk|repeat|jobRequest)\(\s*'([a-z-]+)'/g,
    )) {
      producers.set(m[1], (producers.get(m[1]) ?? new Set()).add(relative(SRC, file)));
    }
  }
  return new Map([...producers].map(([name, set]) => [name, [...set].sort()]));
}
