import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from './domain-error';

/** Path ids are UUIDs; anything else is bad input naming the field, not a 404 or a 500. */
export const ParseId = new ParseUUIDPipe({
  exceptionFactory: () => DomainError.validation([{ field: 'id', message: 'id must be a UUID' }]),
});
