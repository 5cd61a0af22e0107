import { Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { currentCorrelationId } from './request-context';

/** Query parameters that carry credentials (the SSE stream's access token and ticket). */
const SECRET_PARAMS = ['access_token', 'ticket', 'token'];
const SECRET_IN_URL = new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#]*`, 'gi');

/** The URL as logged: the values of credential-bearing parameters replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_IN_URL, '$1[REDACTED]');
}

interface SerializedRequest {
  url?: string;
  query?: Record<string, unknown>;
}

/**
 * Structured JSON logs; every line of a request or job carries its correlation id. Written to
 * process.stdout (synchronous for files and pipes on Linux), which also lets a test read them.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: [
          {
            level: config.logLevel,
            genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? '',
            customProps: () => ({ correlationId: currentCorrelationId() }),
            mixin: () => {
              const correlationId = currentCorrelationId();
              return correlationId ? { correlationId } : {};
            },
            redact: [
              'req.headers.authorization',
              'req.headers.cookie',
              ...SECRET_PARAMS.map((name) => `req.query.${name}`),
            ],
            serializers: {
              req: (req: SerializedRequest) => {
                if (typeof req.url === 'string') req.url = redactUrl(req.url);
                return req;
              },
            },
            autoLogging: {
              ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health'),
            },
          },
          process.stdout,
        ],
      }),
    }),
  ],
})
export class LoggingModule {}
