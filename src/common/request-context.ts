import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

interface RequestContext {
  correlationId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The correlation id of the request or job being handled, for outbox rows and logs. */
export function currentCorrelationId(): string | null {
  return storage.getStore()?.correlationId ?? null;
}

export function runWithCorrelationId<T>(correlationId: string | null, fn: () => T): T {
  return storage.run({ correlationId: correlationId ?? randomUUID() }, fn);
}

const CLIENT_ID = /^[A-Za-z0-9._-]{8,100}$/;

/**
 * First middleware of the HTTP pipeline: takes the caller's `x-correlation-id` when it is sane,
 * otherwise makes one, echoes it, and carries it through everything the request does.
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const offered = req.header('x-correlation-id');
  const correlationId = offered && CLIENT_ID.test(offered) ? offered : randomUUID();
  (req as Request & { id: string }).id = correlationId;
  res.setHeader('x-correlation-id', correlationId);
  storage.run({ correlationId }, next);
}
