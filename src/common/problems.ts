import { DomainError, FieldProblem } from './domain-error';

/** Collects cross-field and reference problems, then fails once naming all of them. */
export class Problems {
  private readonly list: FieldProblem[] = [];

  add(field: string, message: string): this {
    this.list.push({ field, message });
    return this;
  }

  check(ok: boolean, field: string, message: string): this {
    if (!ok) this.add(field, message);
    return this;
  }

  /** PATCH bodies may omit a field, but null only clears fields that are optional by nature. */
  rejectNulls(body: object, fields: string[]): this {
    for (const field of fields) {
      if ((body as Record<string, unknown>)[field] === null)
        this.add(field, `${field} cannot be null`);
    }
    return this;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw DomainError.validation(this.list);
  }
}
