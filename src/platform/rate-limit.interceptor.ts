import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, Observable, switchMap } from 'rxjs';
import type { Request } from 'express';
import { IS_PUBLIC, type RequestCaller } from './route-access';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RATE_LIMIT_CLASS } from './rate-limit.decorator';
import { RateLimiter } from './rate-limiter';
import { rateLimitHits } from './request-keys';

const MINUTE = 60_000;

/**
 * An interceptor rather than a guard because interceptors run after every guard, so the
 * caller is known. It runs before the idempotency interceptor, so a 429 claims no key.
 *
 * Budgets are keyed by the route Nest matched (its path pattern), never by the raw URL: the
 * router matches `/auth/login/` and `/Auth/Login` to the same handler, so they must count the
 * same. Unauthenticated writes (registration, login, ...) are limited per address and route;
 * writes per user and per address; reads per user (or address), and costly reads (@CostlyRead)
 * also per user and route.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return from(this.limit(context)).pipe(switchMap(() => next.handle()));
  }

  private async limit(context: ExecutionContext): Promise<void> {
    const request = context.switchToHttp().getRequest<Request & { principal?: RequestCaller }>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<string>(RATE_LIMIT_CLASS, targets) === 'provider-callback')
      return;
    const hits = rateLimitHits(
      {
        method: request.method,
        route: routeOf(request, context),
        ip: request.ip ?? 'unknown',
        userId: request.principal?.userId,
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        costly: this.reflector.getAllAndOverride<string>(RATE_LIMIT_CLASS, targets) === 'costly',
      },
      this.config,
    );
    // In order, one at a time: the first spent budget answers 429 and later ones are not counted.
    for (const hit of hits) await this.limiter.hit(hit.bucket, hit.id, hit.limit, MINUTE);
  }
}

/** The matched route's path pattern (`/api/v1/supply-listings/:id`), or the handler's name. */
function routeOf(request: Request, context: ExecutionContext): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string'
    ? path
    : `${context.getClass().name}.${context.getHandler().name}`;
}
