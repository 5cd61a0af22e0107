import type { OpenAPIObject } from '@nestjs/swagger';
import { generateOpenApiJson } from '../../src/openapi.cli';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Schema = { $ref?: string; type?: string; properties?: Record<string, unknown> };

describe('the OpenAPI document (the contract the console and API clients are built on)', () => {
  let operations: { name: string; method: string; op: Operation }[];
  let schemas: Record<string, Schema>;
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref ? schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;

  beforeAll(async () => {
    const document = JSON.parse(await generateOpenApiJson()) as OpenAPIObject;
    schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'put', 'post', 'delete', 'patch'] as const)
        .filter((method) => item[method])
        .map((method) => ({ name: `${method} ${path}`, method, op: item[method]! })),
    );
  });

  it('gives every operation a summary', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter(({ op }) => !op.summary?.trim()).map((o) => o.name)).toEqual([]);
  });

  it('gives every successful answer with a body a schema', () => {
    const missing = operations.flatMap(({ name, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => /^2\d\d$/.test(status) && status !== '204' && status !== '202')
        .filter(([, response]) => {
          const content = (response as { content?: Record<string, { schema?: Schema }> }).content;
          return !content || !Object.values(content).some((c) => c.schema);
        })
        .map(([status]) => `${status} ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('documents the error body on the error answers of every operation', () => {
    const withoutErrors = operations.filter(({ op }) => {
      const errors = Object.entries(op.responses).filter(([status]) => /^4\d\d$/.test(status));
      return (
        errors.length === 0 ||
        errors.some(
          ([, r]) =>
            (r as { content?: Record<string, { schema?: Schema }> }).content?.['application/json']
              ?.schema?.$ref !== '#/components/schemas/ErrorBodyView',
        )
      );
    });
    expect(withoutErrors.map((o) => o.name)).toEqual([]);
  });

  it('lets every list be paged with limit and cursor', () => {
    const lists = operations.filter(({ method, op }) => {
      const ok = resolve(
        (op.responses['200'] as { content?: Record<string, { schema?: Schema }> })?.content?.[
          'application/json'
        ]?.schema,
      );
      return method === 'get' && !!ok?.properties?.items && !!ok.properties.nextCursor;
    });
    expect(lists.length).toBeGreaterThanOrEqual(14);
    // "Why no match?" answers the nearest counterparts ranked by landed cost: a top-N with a
    // limit, where a next page (farther, worse candidates) would answer no question.
    const ranked = /\/candidates$/;
    const unpaged = lists.filter(({ name, op }) => {
      if (ranked.test(name)) return false;
      const names = (op.parameters ?? []).map((p) => (p as { name: string }).name);
      return !names.includes('limit') || !names.includes('cursor');
    });
    expect(unpaged.map((o) => o.name)).toEqual([]);
  });
});
