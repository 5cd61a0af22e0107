import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, Observable, of, switchMap, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import type { RequestCaller } from './route-access';
import { DomainError } from '../common/domain-error';
import { queryReturning } from '../common/query-returning';
import { idempotencyRequestText, idempotencyScope } from './request-keys';

const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

interface StoredKey {
  request_hash: string;
  status: 'in_flight' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its response is stored; a
 * retry with the same key and body gets that response again (header `idempotent-replayed`);
 * the same key with another body is 422; a retry while the first is still running is 409. The
 * unique (scope, key) row decides races, so 20 parallel retries create exactly one object. A
 * request that fails releases its key, so that the client can fix it and try again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { principal?: RequestCaller }>();
    const key = request.header('idempotency-key');
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (!KEY_FORMAT.test(key)) {
      throw DomainError.validation([
        { field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' },
      ]);
    }
    const scope = idempotencyScope(request.principal?.organizationId, request.ip);
    const hash = createHash('sha256')
      .update(idempotencyRequestText(request.method, request.originalUrl, request.body))
      .digest('hex');
    const response = http.getResponse<Response>();

    return from(this.claim(scope, key, hash)).pipe(
      switchMap((stored) => {
        if (stored) {
          if (stored.request_hash !== hash) {
            throw new DomainError(
              422,
              'IDEMPOTENCY_KEY_REUSED',
              'This Idempotency-Key was used with another request',
            );
          }
          if (stored.status === 'in_flight') {
            throw DomainError.conflict(
              'IDEMPOTENCY_KEY_IN_FLIGHT',
              'A request with this Idempotency-Key is still running',
            );
          }
          response.status(stored.response_status ?? 200);
          response.setHeader('idempotent-replayed', 'true');
          return of(stored.response_body);
        }
        return next.handle().pipe(
          switchMap((body: unknown) =>
            from(this.complete(scope, key, response.statusCode, body)).pipe(
              switchMap(() => of(body)),
            ),
          ),
          catchError((error: unknown) =>
            from(this.release(scope, key)).pipe(switchMap(() => throwError(() => error))),
          ),
        );
      }),
    );
  }

  /** Null when this request now owns the key; otherwise what is stored for it. */
  private async claim(scope: string, key: string, hash: string): Promise<StoredKey | null> {
    const inserted = await queryReturning<{ id: string }>(
      this.dataSource.manager,
      `INSERT INTO idempotency_keys (scope, key, request_hash, status) VALUES ($1, $2, $3, 'in_flight')
       ON CONFLICT (scope, key) DO NOTHING RETURNING id`,
      [scope, key, hash],
    );
    if (inserted.length > 0) return null;
    const [stored] = await this.dataSource.query<StoredKey[]>(
      `SELECT request_hash, status, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    return stored ?? null;
  }

  private async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = 'completed', response_status = $3, response_body = $4
        WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body ?? null)],
    );
  }

  private async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status = 'in_flight'`,
      [scope, key],
    );
  }
}
