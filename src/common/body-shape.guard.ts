import type { NextFunction, Request, Response } from 'express';

const MAX_DEPTH = 32;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * C0 controls other than tab, line feed and carriage return, DEL and the C1 controls. NUL in
 * particular: PostgreSQL refuses it in text (a 500 before this check), and the others have no
 * business in names, notes or codes and only serve to forge log lines or confuse displays.
 */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
/** Keys no DTO has and that only ever appear in prototype-pollution attempts. */
const FORBIDDEN_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype).concat(['prototype']));

/**
 * Runs right after JSON parsing, before anything recursive sees the body (the query string is
 * walked too, for the text checks): class-transformer and
 * JSON.stringify would overflow the stack on a few thousand levels of nesting (a 500), and keys
 * such as `__proto__` or `constructor` slip past the validator's whitelist. Walked with an
 * explicit stack, so the check itself cannot overflow.
 */
export function bodyShapeGuard(req: Request, res: Response, next: NextFunction): void {
  const problem = findProblem(req.body as unknown) ?? findProblem(req.query);
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
    if (typeof value === 'string' && hasControlCharacter(value)) {
      return {
        field: path || 'body',
        message: 'must not contain NUL or other control characters (tab and line breaks are fine)',
      };
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
