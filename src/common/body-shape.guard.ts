import type { NextFunction, Request, Response } from 'express';

const MAX_DEPTH = 32;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Keys no DTO has and that only ever appear in prototype-pollution attempts. */
const FORBIDDEN_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype).concat(['prototype']));

/**
 * Runs right after JSON parsing, before anything recursive sees the body: class-transformer and
 * JSON.stringify would overflow the stack on a few thousand levels of nesting (a 500), and keys
 * such as `__proto__` or `constructor` slip past the validator's whitelist. Walked with an
 * explicit stack, so the check itself cannot overflow.
 */
export function bodyShapeGuard(req: Request, res: Response, next: NextFunction): void {
  const problem = findProblem(req.body as unknown);
  if (!problem) return next();
  res.status(400).json({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: `Invalid input: ${problem.field}`,
    details: [problem],
    correlationId: String((req as Request & { id?: string }).id ?? ''),
  });
}

function findProblem(body: unknown): { field: string; message: string } | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
      // Not text: validator's isEmail throws a URIError on it (found by the fuzz test).
      return { field: path || 'body', message: 'must be well-formed Unicode text' };
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH)
      return { field: path || 'body', message: `nested more than ${MAX_DEPTH} levels deep` };
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { field, message: `property ${key} should not exist` };
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return null;
}
