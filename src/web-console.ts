import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths the API owns: never answered with the console's page. */
const API_PATHS = /^\/(api|docs|health|metrics|admin\/queues)(\/|$)/;

/**
 * Serves the built console (web/dist) at / on the API's origin, so that its session cookie is
 * first-party and no CORS is needed. Any other GET for a page (React Router's URLs such as
 * /listings) gets index.html. Without a build (API-only deployments, tests) nothing is served.
 */
export function serveConsole(app: NestExpressApplication, dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  // Hashed file names under assets/ never change content: cache them for a year.
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res: Response, path: string) => {
      if (path.includes('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) {
      return next();
    }
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
