import { Catch, HttpException, Inject } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError } from '@rtml/errors';
import type { Logger } from '@rtml/observability';
import { LOGGER } from './runtime.tokens';

/**
 * The one place HTTP maps errors: an AppError answers with its code's status and
 * `{ code, message, details }`; Nest's own HTTP exceptions keep their status; anything else is
 * a 500 with no internals leaked (the log has them).
 */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof AppError) {
      void reply
        .status(exception.httpStatus)
        .send({ code: exception.code, message: exception.message, details: exception.details });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      void reply.status(status).send({
        code: status === 404 ? 'NOT_FOUND' : 'REQUEST_INVALID',
        message: exception.message,
      });
      return;
    }
    this.logger.error({ err: exception }, 'unhandled error in HTTP handler');
    void reply.status(500).send({ code: 'INTERNAL', message: 'internal error' });
  }
}
