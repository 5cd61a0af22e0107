import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, FieldProblem } from './domain-error';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: FieldProblem[];
  correlationId: string;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
};

/** Express body-parser errors carry a `type`; they are the client's fault, never a 5xx. */
interface BodyParserError {
  type: string;
  status?: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

function httpExceptionMessage(response: string | object, fallback: string): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : fallback;
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const correlationId = String(request.id ?? '');
    const body = this.toBody(exception, correlationId);
    const retryAfter = (exception as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (body.statusCode === 429 && retryAfter)
      response.setHeader('Retry-After', String(retryAfter));
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, correlationId }, 'unhandled error');
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, correlationId: string): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
        correlationId,
      };
    }
    // Express maps body-parser failures to HttpExceptions carrying the original as cause.
    const cause = exception instanceof HttpException ? exception.cause : undefined;
    if (isBodyParserError(cause) && cause.type === 'entity.parse.failed') {
      return {
        statusCode: 400,
        code: 'MALFORMED_JSON',
        message: 'The request body is not valid JSON',
        correlationId,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message = httpExceptionMessage(res, exception.message);
      return {
        statusCode: status,
        code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
        message,
        correlationId,
      };
    }
    if (isBodyParserError(exception)) {
      const status = exception.status && exception.status < 500 ? exception.status : 400;
      const code =
        exception.type === 'entity.parse.failed'
          ? 'MALFORMED_JSON'
          : (CODE_BY_STATUS[status] ?? 'BAD_REQUEST');
      const message =
        exception.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : exception.message;
      return { statusCode: status, code, message, correlationId };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL',
      message: 'Internal server error',
      correlationId,
    };
  }
}
