/**
 * Prints the checked columns of docs/architecture.md's catalogs from the code:
 * `npx ts-node --transpile-only src/architecture/print-catalogs.ts`. Paste, then fill the
 * columns written by hand (consumers, options).
 */
import { eventEmitters, jobHandlers, jobProducers, tableOwners } from './catalogs';
import { JOB_QUEUE, type JobName } from '../queue/job-catalog';

const code = (s: string) => `\`${s}\``;
const lines: string[] = ['| event | emitted by | consumed by |', '|---|---|---|'];
for (const [type, files] of eventEmitters()) {
  lines.push(`| ${code(type)} | ${files.map(code).join(', ')} | |`);
}
lines.push('', '| job | queue | added by | handler | options |', '|---|---|---|---|---|');
const producers = jobProducers();
for (const [name, files] of jobHandlers()) {
  const added = (producers.get(name) ?? []).map(code).join(', ');
  lines.push(
    `| ${code(name)} | ${code(JOB_QUEUE[name as JobName])} | ${added} | ${files.map(code).join(', ')} | |`,
  );
}
lines.push('', '| table | owner | written in |', '|---|---|---|');
for (const [table, { folders, files }] of [...tableOwners()].sort()) {
  lines.push(
    `| ${code(table)} | ${folders.map((f) => code(`${f}/`)).join(', ')} | ${files.map(code).join(', ')} |`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
