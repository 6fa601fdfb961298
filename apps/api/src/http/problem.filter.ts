import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseBusy, isForeignKeyViolation, isRecordGone, isTransactionConflict, isUniqueViolation } from '@app/db';
import { DomainError, ValidationError } from '@app/domain';
import { fastifyErrorCode, problem, sendProblem, STATUS_OF, type Problem } from './problem';

/** Maps anything thrown below a controller to problem+json. Unknown errors are logged and become a bare 500. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toProblem(exception, request);
    if (body.status === 503) void reply.header('retry-after', '1');
    sendProblem(request, reply, body);
  }

  toProblem(exception: unknown, request: FastifyRequest): Problem {
    if (exception instanceof ValidationError) {
      return problem(400, 'validation', exception.message, { errors: exception.errors });
    }
    if (exception instanceof DomainError) {
      return problem(STATUS_OF[exception.code], exception.code, exception.message, exception.extra);
    }
    // Safety nets under load: a race that slipped past the locks, or a saturated connection pool.
    if (isUniqueViolation(exception)) {
      return problem(409, 'conflict', 'A concurrent write touched the same event; read it again and retry');
    }
    if (isTransactionConflict(exception)) {
      return problem(409, 'conflict', 'A concurrent write got in the way; send the request again');
    }
    if (isRecordGone(exception)) {
      return problem(404, 'not_found', 'It was deleted while this request ran');
    }
    if (isForeignKeyViolation(exception)) {
      return problem(409, 'conflict', 'Something this write refers to was deleted while it ran; read it again');
    }
    if (isDatabaseBusy(exception)) {
      return problem(503, 'overloaded', 'The database is busy; retry after a moment');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const detail = typeof message === 'string' ? message : Array.isArray(message) ? message.join('; ') : exception.message;
      // Fastify's body-parsing errors arrive wrapped by Nest, the original as the cause.
      const cause = (exception.cause ?? {}) as { code?: unknown };
      const code = status === 404 ? 'not_found' : status === 405 ? 'method_not_allowed' : fastifyErrorCode(cause, status);
      return problem(status, code, detail);
    }
    const statusCode = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return problem(statusCode, fastifyErrorCode(exception as { code?: unknown }, statusCode), (exception as Error).message);
    }
    this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    return problem(500, 'internal', 'Something went wrong on our side; quote the requestId when reporting it');
  }
}
