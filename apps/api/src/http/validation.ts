import { createParamDecorator, ValidationPipe, type ExecutionContext, type ValidationError as ClassValidationError } from '@nestjs/common';
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

/** The global pipe: DTOs validate at the edge, unknown fields are refused, errors name each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
