import type { NextFunction, Request, Response } from 'express';
import { httpDuration } from './metrics';

/** Records latency by route pattern (not by raw URL, which would explode the label space). */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const stop = httpDuration.startTimer();
  res.on('finish', () => {
    const route = (req.route as { path?: string } | undefined)?.path;
    stop({
      method: req.method,
      route: route ? `${req.baseUrl}${route}` : 'unmatched',
      status: String(res.statusCode),
    });
  });
  next();
}
