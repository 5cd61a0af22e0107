import 'reflect-metadata';
import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { BalanceStore } from './balance/balance.store';
import { DomainError } from './common/domain-error';
import { loadConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source.options';
import { Administrators } from './admin/administrators.service';
import type { Actor } from './admin/audit-log.service';

const USAGE = `Usage: npm run admin -- <command>
  grant <email>    make the account with this email a platform administrator
  revoke <email>   take the administrator role away from it
  list             list the administrators
  balance-rebuild  recompute the regional balance (neraca) from the base tables
The database is DATABASE_URL's; the app must have started once (it migrates on boot).`;

/** Whoever runs the command line, as the audit log names them. */
function operator(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): the entry still says it came from the command line.
  }
  return { userId: null, label: `command line (${name})` };
}

/**
 * The first administrator's only way in, and the operator's way back in: grants and revokes
 * the administrator role directly in the database, audited like the API's. Exit codes: 0 done
 * (or nothing to do), 1 refused (unknown email, ...), 2 bad usage.
 */
export async function runAdminCommand(
  args: string[],
  out: (line: string) => void,
): Promise<number> {
  const [command, email, ...rest] = args;
  if (command === 'balance-rebuild' && args.length === 1) return rebuildBalance(out);
  const needsEmail = command === 'grant' || command === 'revoke';
  if (
    !['grant', 'revoke', 'list'].includes(command ?? '') ||
    (needsEmail && !email) ||
    rest.length
  ) {
    out(USAGE);
    return 2;
  }
  const dataSource = await new DataSource(dataSourceOptions(loadConfig())).initialize();
  try {
    const administrators = new Administrators(dataSource);
    if (command === 'list') {
      const all = [];
      let cursor: string | undefined;
      do {
        const page = await administrators.list({ limit: 100, cursor });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      if (all.length === 0) out('No administrators yet: npm run admin -- grant <email>');
      for (const a of all) out(`${a.email}  ${a.name}  since ${a.grantedAt}`);
      return 0;
    }
    if (command === 'grant') {
      const granted = await administrators.grant(email, operator());
      out(`${granted.email} is now a platform administrator.`);
      return 0;
    }
    await administrators.revoke(await administrators.userIdOf(email), operator(), {
      keepOne: false,
    });
    out(`${email.trim().toLowerCase()} is no longer a platform administrator.`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // Nothing to do is not a failure: scripts may grant twice.
    if (error.code === 'ALREADY_ADMINISTRATOR') {
      out(`${error.message}; nothing changed.`);
      return 0;
    }
    out(`Refused: ${error.message}.`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

/** The balance's aggregates, recomputed from listings, requests, matches and trades. */
async function rebuildBalance(out: (line: string) => void): Promise<number> {
  const dataSource = await new DataSource(dataSourceOptions(loadConfig())).initialize();
  try {
    const outcome = await new BalanceStore(dataSource).rebuild();
    out(
      `Balance rebuilt in ${outcome.ms} ms: ${outcome.sources} sources, ` +
        `${outcome.regionCells} region-weeks, ${outcome.flowCells} flow-weeks.`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  runAdminCommand(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
