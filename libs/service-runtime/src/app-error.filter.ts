import { Catch, HttpException, Inject } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError } from '@rtml/errors';
import type { Logger } from '@rtml/observability';
import { LOGGER } from './runtime.tokens';

/**
 * The one place HTTP maps errors: an AppError answers with its code's status and
 * `{ code, message, details }`; a request Fastify refused before any handler (a body over the
 * limit: 413 RECORD_TOO_LARGE; an unsupported media type...) keeps its 4xx status; Nest's own
 * HTTP exceptions keep theirs; anything else is a 500 with no internals leaked (the log has them).
 */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof AppError) {
      const retryAfter = exception.details['retryAfterSeconds'];
      if (exception.code === 'RATE_LIMITED' && typeof retryAfter === 'number')
        void reply.header('retry-after', String(retryAfter));
      void reply
        .status(exception.httpStatus)
        .send({ code: exception.code, message: exception.message, details: exception.details });
      return;
    }
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : fastifyClientErrorStatus(exception);
    if (status === 413) {
      void reply.status(413).send({
        code: 'RECORD_TOO_LARGE',
        message: 'the request body is larger than this service takes (HTTP_BODY_LIMIT_BYTES)',
      });
      return;
    }
    if (status !== undefined) {
      void reply.status(status).send({
        code: status === 404 ? 'NOT_FOUND' : 'REQUEST_INVALID',
        message: messageOf(exception),
      });
      return;
    }
    this.logger.error({ err: exception }, 'unhandled error in HTTP handler');
    void reply.status(500).send({ code: 'INTERNAL', message: 'internal error' });
  }
}

/** The 4xx status of an error Fastify raised about the request itself (`FST_ERR_*`). */
function fastifyClientErrorStatus(error: unknown): number | undefined {
  const candidate = error as { code?: unknown; statusCode?: unknown } | null;
  if (typeof candidate?.code !== 'string' || !candidate.code.startsWith('FST_ERR_'))
    return undefined;
  const status = candidate.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : 'the request was refused';
