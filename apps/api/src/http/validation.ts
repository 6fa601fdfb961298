import {
  createParamDecorator,
  ValidationPipe,
  type ArgumentMetadata,
  type ExecutionContext,
  type ValidationError as ClassValidationError,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationError, type FieldError } from '@app/domain';

/** Flattens class-validator's tree into `[{path: "sources[0].url", message}]`. */
export function fieldErrors(errors: ClassValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const path = parent ? (isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      path,
      message: message.replace(/^property \S+ should not exist$/, 'is not a known field'),
    }));
    return [...own, ...fieldErrors(error.children ?? [], path)];
  });
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

// A NUL, or half of a surrogate pair: text Postgres refuses to store or compare, so a database error (500) if let through.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isUnstorable(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/** The path of the first string (or key) in `value` that cannot be stored as text, or null. */
export function unstorableTextPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isUnstorable(value) ? path || '$' : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableTextPath(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (isUnstorable(key)) return at;
      const found = unstorableTextPath(item, at);
      if (found) return found;
    }
  }
  return null;
}

/** Deeper than any request of this API (an event's sources are three levels down, a filter's values two). */
const MAX_BODY_DEPTH = 32;

/**
 * Refuses a body nested deeper than MAX_BODY_DEPTH. JSON.parse takes thousands of levels, but turning a body into
 * its DTO recurses once per level and would overflow the stack (a 500). Walks level by level, without recursion.
 */
export function assertShallow(value: unknown, path = ''): void {
  let level: unknown[] = [value];
  for (let depth = 0; level.length; depth++) {
    if (depth > MAX_BODY_DEPTH) {
      throw new ValidationError('The request is nested too deeply', [
        { path: path || '$', message: `is nested more than ${MAX_BODY_DEPTH} levels deep` },
      ]);
    }
    level = level.flatMap((item): unknown[] => (typeof item === 'object' && item !== null ? Object.values(item) : []));
  }
}

/** Refuses text that cannot be stored, naming where it is. */
export function assertStorableText(value: unknown, path = ''): void {
  const found = unstorableTextPath(value, path);
  if (found) {
    throw new ValidationError('The request holds text that cannot be stored', [
      { path: found, message: 'contains a NUL character or an unpaired surrogate' },
    ]);
  }
}

/**
 * Refuses null for every field of a PATCH body but the `nullable` ones, naming each. Null in a PATCH asks to clear
 * a field, which only those can be; `@IsOptional()` would let it past the field's rules to the database.
 */
export function refuseNulls(body: object, nullable: readonly string[] = []): void {
  const errors = Object.entries(body)
    .filter(([field, value]) => value === null && !nullable.includes(field))
    .map(([path]) => ({ path, message: 'must not be null' }));
  if (errors.length) throw new ValidationError('The request is not valid', errors);
}

/** ValidationPipe that also refuses bodies nested too deeply and unstorable text in DTO bodies. */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && this.toValidate(metadata)) {
      assertShallow(value);
      assertStorableText(value);
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: DTOs validate at the edge, unknown fields are refused, errors name each field. */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationError('The request is not valid', fieldErrors(errors)),
  });
}

/** Validates one plain value against a DTO class (bulk items, NDJSON lines). */
export async function validateDto<T extends object>(cls: new () => T, value: unknown, prefix = ''): Promise<T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('The item is not valid', [{ path: prefix || '$', message: 'must be a JSON object' }]);
  }
  assertShallow(value, prefix);
  assertStorableText(value, prefix);
  const instance = plainToInstance(cls, value);
  const errors = await validate(instance, OPTIONS);
  if (errors.length) throw new ValidationError('The item is not valid', fieldErrors(errors, prefix));
  return instance;
}

/** The query string as parsed, untouched by the global pipe: lists parse their repeatable filters themselves. */
export const RawQuery = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Record<string, string | string[] | undefined> =>
    ctx.switchToHttp().getRequest<FastifyRequest>().query as Record<string, string | string[] | undefined>,
);
