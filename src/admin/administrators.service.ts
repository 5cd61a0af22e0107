import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, PageQuery, toPage } from '../common/pagination';
import { queryReturning } from '../common/query-returning';
import { AdministratorView } from './admin.dto';
import { Actor, AuditLog } from './audit-log.service';

interface AccountRow {
  id: string;
  email: string;
  name: string;
  email_verified_at: Date | null;
}

/**
 * Whether an account may receive the administrator role: it must exist and have proved its email,
 * so that registering an address nobody controls can never lead to administrator rights.
 */
export function assertGrantable(
  account: AccountRow | undefined,
  email: string,
): asserts account is AccountRow {
  if (!account) {
    throw new DomainError(
      404,
      'ACCOUNT_NOT_FOUND',
      `No account uses ${email}: the person must register before becoming an administrator`,
    );
  }
  if (!account.email_verified_at) {
    throw new DomainError(
      409,
      'EMAIL_NOT_VERIFIED',
      `${email} has not verified its email address yet: it cannot become an administrator`,
    );
  }
}

/** Is this user a platform administrator? One indexed lookup (the role table's primary key). */
export async function isPlatformAdministrator(
  dataSource: DataSource,
  userId: string,
): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return false;
  const rows = await dataSource.query<unknown[]>(
    `SELECT 1 FROM platform_administrators WHERE user_id = $1`,
    [userId],
  );
  return rows.length > 0;
}

/**
 * The administrator role: granted by email (from the command line or by another administrator),
 * revoked by user id, every change audited in the same transaction. Nest-free enough for the
 * command line to construct it with a bare DataSource.
 */
@Injectable()
export class Administrators {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  isAdministrator(userId: string): Promise<boolean> {
    return isPlatformAdministrator(this.dataSource, userId);
  }

  /** Oldest grant first (the founders on top), paged by (granted_at, user id). */
  async list(query: PageQuery = {}): Promise<Page<AdministratorView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const rows = await this.dataSource.query<(AccountRow & { granted_at: Date })[]>(
      `SELECT u.id, u.email, u.name, a.granted_at
         FROM platform_administrators a JOIN users u ON u.id = a.user_id
        WHERE $1::timestamptz IS NULL OR (a.granted_at, u.id) > ($1, $2::uuid)
        ORDER BY a.granted_at, u.id
        LIMIT $3`,
      [after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
    const page = toPage(
      rows.map((r) => ({ ...r, createdAt: r.granted_at })),
      limit,
      (r) => AdministratorView.of(r, r.granted_at),
    );
    return page;
  }

  async grant(email: string, actor: Actor): Promise<AdministratorView> {
    const normalized = email.trim().toLowerCase();
    return this.dataSource.transaction(async (manager) => {
      const [account] = await manager.query<AccountRow[]>(
        `SELECT id, email, name, email_verified_at FROM users WHERE email = $1`,
        [normalized],
      );
      assertGrantable(account, normalized);
      // The primary key settles concurrent grants: one inserts, the other finds the row.
      const [granted] = await queryReturning<{ granted_at: Date }>(
        manager,
        `INSERT INTO platform_administrators (user_id) VALUES ($1)
         ON CONFLICT (user_id) DO NOTHING RETURNING granted_at`,
        [account.id],
      );
      if (!granted) {
        throw DomainError.conflict(
          'ALREADY_ADMINISTRATOR',
          `${account.email} is already an administrator`,
        );
      }
      await AuditLog.append(manager, actor, {
        action: 'administrator.granted',
        targetType: 'user',
        targetId: account.id,
        targetLabel: account.email,
      });
      return AdministratorView.of(account, granted.granted_at);
    });
  }

  /** `keepOne`: refuse to remove the last administrator (the API does; the command line need not). */
  async revoke(userId: string, actor: Actor, options: { keepOne: boolean }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const holders = await this.lockHolders(manager);
      if (!holders.includes(userId)) {
        throw new DomainError(404, 'NOT_AN_ADMINISTRATOR', 'This user is not an administrator');
      }
      if (options.keepOne && holders.length === 1) {
        throw DomainError.conflict(
          'LAST_ADMINISTRATOR',
          'The last administrator cannot be revoked; grant the role to someone else first',
        );
      }
      const [account] = await queryReturning<{ email: string }>(
        manager,
        `WITH revoked AS (DELETE FROM platform_administrators WHERE user_id = $1 RETURNING user_id)
         SELECT u.email FROM revoked JOIN users u ON u.id = revoked.user_id`,
        [userId],
      );
      await AuditLog.append(manager, actor, {
        action: 'administrator.revoked',
        targetType: 'user',
        targetId: userId,
        targetLabel: account?.email ?? userId,
      });
    });
  }

  /** The user id of an email, or ACCOUNT_NOT_FOUND (for the command line's revoke). */
  async userIdOf(email: string): Promise<string> {
    const normalized = email.trim().toLowerCase();
    const [account] = await this.dataSource.query<AccountRow[]>(
      `SELECT id, email, name FROM users WHERE email = $1`,
      [normalized],
    );
    if (!account) {
      throw new DomainError(404, 'ACCOUNT_NOT_FOUND', `No account uses ${normalized}`);
    }
    return account.id;
  }

  /**
   * Locks every holder's row: two administrators revoking each other at once are serialised,
   * so the second sees one holder left and is refused, instead of both succeeding.
   */
  private async lockHolders(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ user_id: string }[]>(
      `SELECT user_id FROM platform_administrators ORDER BY user_id FOR UPDATE`,
    );
    return rows.map((r) => r.user_id);
  }
}
