/**
 * The three ways a command can be refused by the domain. The API maps them to HTTP statuses
 * (409, 404, 403); the messages are meant for the person who sent the command.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'rule' | 'not_found' | 'forbidden';
}

/** A business rule refuses the command (HTTP 409). */
export class RuleViolation extends DomainError {
  readonly kind = 'rule' as const;
  constructor(message: string) {
    super(message);
    this.name = 'RuleViolation';
  }
}

/** The mesa, problem or task the command names does not exist (HTTP 404). */
export class NotFound extends DomainError {
  readonly kind = 'not_found' as const;
  constructor(message: string) {
    super(message);
    this.name = 'NotFound';
  }
}

/** The actor's role or scope does not allow the command (HTTP 403). */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden' as const;
  constructor(message: string) {
    super(message);
    this.name = 'Forbidden';
  }
}
