import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type ErrorBody = Schemas['ErrorBodyView'];

/** The CSRF token the API set next to the session cookie; sent back on every write. */
export function csrfToken(): string {
  const match = /(?:^|;\s*)jembatan_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ?? '';
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      request.headers.set('X-CSRF-Token', csrfToken());
    }
    return request;
  },
};

/**
 * The typed client of the API, generated from docs/openapi.json: a renamed field or route fails
 * the console's type check. The session is the httpOnly cookie: scripts never hold a token.
 */
export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(csrf);

/** Thrown by `unwrap` so that TanStack Query and forms see the API's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
  /** The API's message for one field (`details`), for showing next to that field. */
  fieldMessage(field: string): string | undefined {
    return this.body?.details?.find((d) => d.field === field || d.field.endsWith(`.${field}`))
      ?.message;
  }
}

/** The data of an openapi-fetch answer, or an ApiError carrying the error body. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error as ErrorBody | undefined);
  return data as T;
}
