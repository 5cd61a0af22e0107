/**
 * The one error vocabulary of the platform. Services throw DomainError with a stable code;
 * the global filter turns it (and everything else) into the common error body.
 */
export interface FieldProblem {
  field: string;
  message: string;
  /** For a 422: the matching rule no option could satisfy (shelf_life, window). */
  rule?: string;
  /** For a 422: the best value the field could take, as a user would type it. */
  best?: string | number;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(details: FieldProblem[]): DomainError {
    const fields = [...new Set(details.map((d) => d.field))].join(', ');
    return new DomainError(400, 'VALIDATION_FAILED', `Invalid input: ${fields}`, details);
  }

  /** Well-formed input that no transport option could ever satisfy. */
  static unsatisfiable(details: FieldProblem[]): DomainError {
    return new DomainError(
      422,
      'UNSATISFIABLE',
      details.map((d) => `${d.field}: ${d.message}`).join('; '),
      details,
    );
  }

  static notFound(what: string): DomainError {
    return new DomainError(404, 'NOT_FOUND', `${what} not found`);
  }

  static conflict(code: string, message: string): DomainError {
    return new DomainError(409, code, message);
  }

  static forbidden(message: string): DomainError {
    return new DomainError(403, 'FORBIDDEN', message);
  }

  static unauthorized(message = 'Missing or invalid access token'): DomainError {
    return new DomainError(401, 'UNAUTHORIZED', message);
  }
}
