/**
 * Domain errors: thrown below the controllers, mapped to problem+json by the api's one global filter.
 * Each carries a stable code; the HTTP status is the filter's concern.
 */
export type DomainErrorCode =
  | 'not_found'
  | 'validation'
  | 'conflict'
  | 'duplicate_event'
  | 'precondition_required'
  | 'precondition_failed'
  | 'idempotency_mismatch'
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid_state'
  | 'unsafe_url';

export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('not_found', `${what} "${id}" was not found`);
  }
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly errors: FieldError[],
  ) {
    super('validation', message, { errors });
  }
}

/** A second event with the same date and normalised title, or an already-cited source URL. */
export class DuplicateEventError extends DomainError {
  constructor(
    readonly existingId: string,
    readonly existingSlug: string,
    reason: string,
  ) {
    super('duplicate_event', `An event like this already exists (${reason}): ${existingSlug}`, {
      existingId,
      existingSlug,
    });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super('conflict', message, extra);
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor(message: string) {
    super('precondition_required', message);
  }
}

export class StaleVersionError extends DomainError {
  constructor(readonly currentVersion: number) {
    super('precondition_failed', `The event has changed since version you sent; it is now at version ${currentVersion}`, {
      currentVersion,
    });
  }
}

export class IdempotencyMismatchError extends DomainError {
  constructor() {
    super('idempotency_mismatch', 'This Idempotency-Key was already used with a different request body');
  }
}

export class InvalidStateError extends DomainError {
  constructor(message: string) {
    super('invalid_state', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'A valid API key is required: send Authorization: Bearer <key>') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'This API key’s role may not do that') {
    super('forbidden', message);
  }
}

export class UnsafeUrlError extends DomainError {
  constructor(message: string) {
    super('unsafe_url', message);
  }
}
