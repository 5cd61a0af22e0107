import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNEL_EVENT_TYPES } from '../channels/messages/recipients';
import { EVENT_AGGREGATES } from '../events/event-catalog';
import { REOPTIMIZING_EVENTS } from '../matching/match-events';
import { NOTIFIED_DOMAIN_EVENTS } from '../notifications/notification-events';
import { JOB_QUEUE } from '../queue/job-catalog';
import { eventEmitters, jobHandlers, jobProducers, tableOwners } from './catalogs';
import { entityTables } from './table-writers';
import { SRC } from './source-imports';

const DOC = readFileSync(join(SRC, '..', 'docs', 'architecture.md'), 'utf8');

/** The rows of the table between `<!-- name:begin -->` and `<!-- name:end -->`, as cells. */
function docTable(name: string): string[][] {
  const begin = DOC.indexOf(`<!-- ${name}:begin -->`);
  const end = DOC.indexOf(`<!-- ${name}:end -->`);
  if (begin < 0 || end < begin) throw new Error(`docs/architecture.md has no ${name} table`);
  return DOC.slice(begin, end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

/** `a`, `b` -> ['a', 'b'] (sorted). */
const names = (cell: string) =>
  [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\/$/, '')).sort();

const byFirst = (rows: string[][]) => new Map(rows.map((r) => [names(r[0])[0], r.slice(1)]));

describe('docs/architecture.md', () => {
  it('lists every domain event with the files that emit it', () => {
    const documented = byFirst(docTable('events'));
    const computed = eventEmitters();
    expect([...documented.keys()].sort()).toEqual(Object.keys(EVENT_AGGREGATES).sort());
    expect(
      Object.fromEntries([...documented].map(([type, cells]) => [type, names(cells[0])])),
    ).toEqual(Object.fromEntries([...computed].map(([type, files]) => [type, files])));
  });

  it('names the re-optimisation scheduler and both fan-outs as consumers of exactly their events', () => {
    const consumers: [string, readonly string[]][] = [
      ['matching/reoptimize.scheduler.ts', REOPTIMIZING_EVENTS],
      ['channels/messages/channel.fanout.ts', CHANNEL_EVENT_TYPES],
      ['notifications/notification.fanout.ts', NOTIFIED_DOMAIN_EVENTS],
    ];
    for (const [type, cells] of byFirst(docTable('events'))) {
      const listed = names(cells[1]);
      for (const [consumer, types] of consumers) {
        expect({ type, consumer, listed: listed.includes(consumer) }).toEqual({
          type,
          consumer,
          listed: types.includes(type),
        });
      }
    }
  });

  it('lists every job with its queue, producers and handler', () => {
    const documented = byFirst(docTable('jobs'));
    const handlers = jobHandlers();
    const producers = jobProducers();
    expect([...documented.keys()].sort()).toEqual(Object.keys(JOB_QUEUE).sort());
    for (const [job, cells] of documented) {
      expect({
        job,
        queue: names(cells[0]),
        producers: names(cells[1]),
        handler: names(cells[2]),
      }).toEqual({
        job,
        queue: [JOB_QUEUE[job as keyof typeof JOB_QUEUE]],
        producers: producers.get(job) ?? [],
        handler: handlers.get(job) ?? [],
      });
    }
  });

  it('gives every table one owner folder, the one whose files write it', () => {
    const computed = tableOwners();
    for (const [table, { folders }] of computed) {
      expect({ table, folders }).toEqual({ table, folders: [folders[0]] });
    }
    const documented = byFirst(docTable('tables'));
    expect(
      Object.fromEntries(
        [...documented].map(([table, cells]) => [
          table,
          { folders: names(cells[0]), files: names(cells[1]) },
        ]),
      ),
    ).toEqual(Object.fromEntries(computed));
    // Every table of an entity is documented, written by a detected writer or (seeded in a loop)
    // named in the prose.
    for (const table of new Set(entityTables().values())) {
      expect({ table, documented: documented.has(table) || DOC.includes(`\`${table}\``) }).toEqual({
        table,
        documented: true,
      });
    }
  });

  it('keeps the market tables and matches to their one writing file', () => {
    const owners = tableOwners();
    expect(owners.get('supply_listings')?.files).toEqual(['market/market.ledger.ts']);
    expect(owners.get('demand_requests')?.files).toEqual(['market/market.ledger.ts']);
    expect(owners.get('matches')?.files).toEqual(['matching/match.repository.ts']);
  });
});
