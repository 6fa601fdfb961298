import { Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseUnavailableError, Prisma } from '@app/db';
import { ValidationError } from '@app/domain';
import { ProblemFilter } from './problem.filter';

const request = { id: 'req-1', url: '/v1/events' } as unknown as FastifyRequest;
const prismaError = (code: string) =>
  new Prisma.PrismaClientKnownRequestError(`prisma ${code}`, { code, clientVersion: Prisma.prismaVersion.client });

describe('ProblemFilter', () => {
  const filter = new ProblemFilter();
  afterEach(() => vi.restoreAllMocks());

  it('answers a saturated connection pool (P2028) with 503 overloaded, not 500', () => {
    expect(filter.toProblem(prismaError('P2028'), request)).toMatchObject({
      status: 503,
      type: 'urn:trade-timeline:problem:overloaded',
    });
  });

  it('answers no connection for a pg transaction, and a statement past its timeout, with 503 overloaded', () => {
    const overloaded = { status: 503, type: 'urn:trade-timeline:problem:overloaded' };
    expect(filter.toProblem(new DatabaseUnavailableError(new Error('timeout exceeded when trying to connect')), request)).toMatchObject(
      overloaded,
    );
    expect(
      filter.toProblem(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }), request),
    ).toMatchObject(overloaded);
  });

  it('answers a unique violation that slipped past the locks (P2002) with 409', () => {
    expect(filter.toProblem(prismaError('P2002'), request)).toMatchObject({ status: 409, type: 'urn:trade-timeline:problem:conflict' });
  });

  it('lists the fields of a validation error', () => {
    const error = new ValidationError('Invalid event', [{ path: 'date', message: 'must be YYYY, YYYY-MM or YYYY-MM-DD' }]);
    expect(filter.toProblem(error, request)).toMatchObject({ status: 400, errors: [{ path: 'date' }] });
  });

  it('hides an unknown error behind a bare 500 and logs it', () => {
    const log = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const body = filter.toProblem(new Error('secret internals'), request);
    expect(body).toMatchObject({ status: 500, type: 'urn:trade-timeline:problem:internal' });
    expect(JSON.stringify(body)).not.toContain('secret internals');
    expect(log).toHaveBeenCalledOnce();
  });
});
