import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryReturning } from '../../common/query-returning';
import type { AccountTokenPurpose } from './account-token.entity';
import { hashSecretToken, newSecretToken } from './secret-token';

/** Emailed single-use tokens. Consumption is one conditional UPDATE: two uses cannot both win. */
@Injectable()
export class AccountTokens {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new token for the user; earlier unused ones of the same purpose stop working. */
  async issue(
    userId: string,
    purpose: AccountTokenPurpose,
    ttlMs: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const { token, hash } = newSecretToken();
    await manager.query(
      `UPDATE account_tokens SET used_at = now()
        WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
      [userId, purpose],
    );
    await manager.query(
      `INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')`,
      [userId, purpose, hash, ttlMs],
    );
    return token;
  }

  /** The user the token was issued to, or null when unknown, used or expired. */
  async consume(
    token: string,
    purpose: AccountTokenPurpose,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const rows = await queryReturning<{ user_id: string }>(
      manager,
      `UPDATE account_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING user_id`,
      [hashSecretToken(token), purpose],
    );
    return rows[0]?.user_id ?? null;
  }
}
