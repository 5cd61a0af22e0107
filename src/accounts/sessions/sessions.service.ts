import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/domain-error';
import { queryReturning } from '../../common/query-returning';
import { hashSecretToken, newSecretToken } from '../auth/secret-token';
import type { SessionListView } from './sessions.dto';

const DAY_MS = 24 * 3600_000;

export type RevokeReason =
  'logout' | 'revoked' | 'password_changed' | 'password_reset' | 'refresh_token_reused';

/** Where a session was opened from, shown to its owner in GET /me/sessions. */
export interface ClientInfo {
  userAgent?: string;
  ip?: string;
}

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
}

/**
 * Sessions and their refresh-token families. A refresh token works once: rotating it is one
 * conditional UPDATE, and presenting a rotated one revokes the session (it was copied: either
 * the thief or the owner holds the newer token, and we cannot tell which).
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(
    userId: string,
    client: ClientInfo,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TokenPair> {
    const [session] = await manager.query<{ id: string }[]>(
      `INSERT INTO sessions (user_id, user_agent, ip, last_used_at, expires_at)
       VALUES ($1, $2, $3, now(), now() + $4 * interval '1 millisecond')
       RETURNING id`,
      [
        userId,
        client.userAgent?.slice(0, 500) ?? null,
        client.ip?.slice(0, 64) ?? null,
        this.ttlMs,
      ],
    );
    const refreshToken = await this.addRefreshToken(session.id, manager);
    return this.pair(userId, session.id, refreshToken);
  }

  async refresh(refreshToken: string, client: ClientInfo): Promise<TokenPair> {
    const hash = hashSecretToken(refreshToken);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const [rotated] = await queryReturning<{ session_id: string }>(
        manager,
        `UPDATE refresh_tokens SET rotated_at = now()
          WHERE token_hash = $1 AND rotated_at IS NULL
          RETURNING session_id`,
        [hash],
      );
      if (!rotated) {
        const [reused] = await manager.query<{ session_id: string }[]>(
          `SELECT session_id FROM refresh_tokens WHERE token_hash = $1`,
          [hash],
        );
        if (reused) await this.revokeById(reused.session_id, 'refresh_token_reused', manager);
        return { failure: reused ? ('reused' as const) : ('invalid' as const) };
      }
      const [session] = await queryReturning<{ user_id: string }>(
        manager,
        `UPDATE sessions
            SET last_used_at = now(), expires_at = now() + $2 * interval '1 millisecond',
                user_agent = coalesce($3, user_agent), ip = coalesce($4, ip)
          WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()
          RETURNING user_id`,
        [rotated.session_id, this.ttlMs, client.userAgent?.slice(0, 500), client.ip?.slice(0, 64)],
      );
      if (!session) return { failure: 'invalid' as const };
      const next = await this.addRefreshToken(rotated.session_id, manager);
      return { userId: session.user_id, sessionId: rotated.session_id, next };
    });
    if ('failure' in outcome) {
      throw outcome.failure === 'reused'
        ? new DomainError(
            401,
            'REFRESH_TOKEN_REUSED',
            'This refresh token was already used; the session has been signed out for safety',
          )
        : new DomainError(
            401,
            'INVALID_REFRESH_TOKEN',
            'Unknown, expired or revoked refresh token',
          );
    }
    return this.pair(outcome.userId, outcome.sessionId, outcome.next);
  }

  async list(userId: string, currentSessionId: string): Promise<SessionListView> {
    const rows = await this.dataSource.query<
      {
        id: string;
        user_agent: string | null;
        ip: string | null;
        created_at: Date;
        last_used_at: Date;
        expires_at: Date;
      }[]
    >(
      `SELECT id, user_agent, ip, created_at, last_used_at, expires_at FROM sessions
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
        ORDER BY last_used_at DESC, id`,
      [userId],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        userAgent: r.user_agent,
        ip: r.ip,
        createdAt: r.created_at.toISOString(),
        lastUsedAt: r.last_used_at.toISOString(),
        expiresAt: r.expires_at.toISOString(),
        current: r.id === currentSessionId,
      })),
    };
  }

  /** Revokes one of the user's own sessions; someone else's is as unknown as a missing one. */
  async revokeOwn(userId: string, sessionId: string, reason: RevokeReason): Promise<void> {
    const revoked = await queryReturning<{ id: string }>(
      this.dataSource.manager,
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $3
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL
        RETURNING id`,
      [sessionId, userId, reason],
    );
    if (revoked.length === 0) throw DomainError.notFound('Session');
  }

  /** Every session of the user but `keepSessionId` (null: all of them). */
  async revokeAllOfUser(
    userId: string,
    reason: RevokeReason,
    keepSessionId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, keepSessionId],
    );
  }

  private async revokeById(sessionId: string, reason: RevokeReason, manager: EntityManager) {
    await manager.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
        WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  }

  private async addRefreshToken(sessionId: string, manager: EntityManager): Promise<string> {
    const { token, hash } = newSecretToken();
    await manager.query(`INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)`, [
      hash,
      sessionId,
    ]);
    return token;
  }

  private async pair(userId: string, sessionId: string, refreshToken: string): Promise<TokenPair> {
    const accessToken = await this.jwt.signAsync({ sub: userId, sid: sessionId });
    return { accessToken, expiresIn: this.config.jwtExpiresInSeconds, refreshToken };
  }

  private get ttlMs(): number {
    return this.config.refreshTokenTtlDays * DAY_MS;
  }
}
