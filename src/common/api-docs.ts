import { applyDecorators, INestApplication, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  DocumentBuilder,
  getSchemaPath,
  OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';

/** One problem with one field, as `details` of the error body lists them. */
export class FieldProblemView {
  @ApiProperty({ example: 'quantity' }) field: string;
  @ApiProperty({ example: 'quantity must not be less than 1' }) message: string;
  @ApiPropertyOptional({ description: 'for a 422: the matching rule no option could satisfy' })
  rule?: string;
  @ApiPropertyOptional({
    oneOf: [{ type: 'string' }, { type: 'number' }],
    description: 'for a 422: the best value the field could take',
  })
  best?: string | number;
}

/** The one error body of every route (see AllExceptionsFilter). */
export class ErrorBodyView {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'stable; clients branch on it' })
  code: string;
  @ApiProperty({ example: 'Invalid input: quantity' }) message: string;
  @ApiPropertyOptional({ type: [FieldProblemView], description: 'the fields at fault' })
  details?: FieldProblemView[];
  @ApiProperty({ description: 'quote it when reporting a problem; it is in every log line' })
  correlationId: string;
}

/** A page of a list: `items` and the cursor of the next page (null on the last one). */
export function ApiPageResponse(view: Type, description?: string) {
  return applyDecorators(
    ApiExtraModels(view),
    ApiOkResponse({
      description: description ?? 'one page, newest first unless the list says otherwise',
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(view) } },
          nextCursor: {
            type: 'string',
            nullable: true,
            description: 'pass as ?cursor= for the next page; null on the last page',
          },
        },
      },
    }),
  );
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const WRITES = new Set<string>(['put', 'post', 'delete', 'patch']);

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'invalid input; `details` names each field at fault (VALIDATION_FAILED, MALFORMED_JSON)',
  '401': 'no, an expired or a revoked credential (UNAUTHORIZED)',
  '403':
    'not allowed for this organization or user (FORBIDDEN), email not verified ' +
    '(EMAIL_NOT_VERIFIED), or a browser write without its CSRF token (CSRF_TOKEN_INVALID)',
  '404': 'no such resource visible to the caller (NOT_FOUND)',
  '409': 'the state changed or the value is taken; `code` says which',
  '429': 'too many requests; Retry-After says when to come back (RATE_LIMITED)',
};

/**
 * Adds the error responses every operation can give, each with the common error body, so that
 * clients (the console's generated client among them) can type them. Which ones apply follows
 * from the operation: inputs can be invalid, secured routes can be refused, paths with an id can
 * miss, writes can conflict, and every route is rate limited.
 */
export function documentErrors(document: OpenAPIObject): OpenAPIObject {
  const errorBody = { $ref: getSchemaPath(ErrorBodyView) };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op: Operation | undefined = item[method];
      if (!op) continue;
      const secured = (op.security ?? document.security ?? []).length > 0;
      const hasInput = (op.parameters ?? []).length > 0 || !!op.requestBody;
      const statuses = [
        hasInput && '400',
        secured && '401',
        secured && '403',
        path.includes('{') && '404',
        WRITES.has(method) && secured && '409',
        '429',
      ].filter((s): s is string => !!s);
      for (const status of statuses) {
        op.responses[status] ??= {
          description: ERROR_DESCRIPTIONS[status],
          content: { 'application/json': { schema: errorBody } },
        };
      }
    }
  }
  return document;
}

/** The API's OpenAPI document: served at /docs, committed as docs/openapi.json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Jembatan API')
      .setDescription(
        'Matches agricultural supply in one Indonesian region with demand in another. ' +
          'Errors answer {statusCode, code, message, details?, correlationId}. API clients send ' +
          'a bearer token; the console signs in with POST /auth/session (an httpOnly cookie) and ' +
          'sends X-CSRF-Token on writes.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorBodyView, FieldProblemView] },
  );
  return documentErrors(document);
}
