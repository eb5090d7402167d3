import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppError } from '@rtml/errors';

const JSON_TYPE = 'application/json';

/**
 * Replaces the JSON body parser so that a body that is not JSON answers 400 UNDECODABLE, as a
 * raw record that is not JSON is undecodable. With the stock parser, Fastify's parse error
 * reaches the shared AppErrorFilter as a generic HTTP exception (400 REQUEST_INVALID). Parsing
 * stays Fastify's own (same prototype-poisoning guards, same body limit). Runs at module init:
 * after Nest has registered its parsers, before the server listens (Fastify refuses later).
 */
@Injectable()
export class JsonBodyParser implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    const parse = fastify.getDefaultJsonParser('error', 'error');
    if (fastify.hasContentTypeParser(JSON_TYPE)) fastify.removeContentTypeParser(JSON_TYPE);
    fastify.addContentTypeParser<string>(
      JSON_TYPE,
      { parseAs: 'string' },
      (request, body, done) => {
        parse(request, body, (error, value) => {
          if (error)
            done(new AppError('UNDECODABLE', `the body is not JSON: ${error.message}`), undefined);
          else done(null, value);
        });
      },
    );
  }
}
