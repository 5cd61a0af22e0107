import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { from, Observable, switchMap } from 'rxjs';
import type { Request } from 'express';
import type { Principal } from '../accounts/principal';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RateLimiter } from './rate-limiter';

const MINUTE = 60_000;

/**
 * An interceptor rather than a guard because interceptors run after every guard, so the
 * caller is known: registration and login are limited per client address, every write per user
 * and per address. It runs before the idempotency interceptor, so a 429 claims no key.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return from(this.limit(context)).pipe(switchMap(() => next.handle()));
  }

  private async limit(context: ExecutionContext): Promise<void> {
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const ip = request.ip ?? 'unknown';
    const path = request.path;
    if (path.endsWith('/auth/login') || path.endsWith('/auth/register')) {
      await this.limiter.hit('auth-ip', ip, this.config.rateLimitAuthPerMinute, MINUTE);
      return;
    }
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS')
      return;
    const writes = this.config.rateLimitWritesPerMinute;
    if (request.principal)
      await this.limiter.hit('writes-user', request.principal.userId, writes, MINUTE);
    // A shared address (an office behind NAT) gets a few users' worth.
    await this.limiter.hit('writes-ip', ip, writes * 5, MINUTE);
  }
}
