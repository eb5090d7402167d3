import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppError } from '@rtml/errors';
import { jsonErrorReason } from '@rtml/observability';
import { SERVICE_CONFIG } from '@rtml/service-runtime';
import type { IngestConfig } from '../ingest.config';
import { jsonShapeProblem } from './json-shape.policy';

const JSON_TYPE = 'application/json';

/**
 * Replaces the JSON body parser so that a body that is not JSON answers 400 UNDECODABLE, as a
 * raw record that is not JSON is undecodable. With the stock parser, Fastify's parse error
 * reaches the shared AppErrorFilter as a generic HTTP exception (400 REQUEST_INVALID). Parsing
 * stays Fastify's own (same prototype-poisoning guards, same body limit); the parsed value is then
 * held to HTTP_MAX_JSON_DEPTH and HTTP_MAX_JSON_KEYS (400 REQUEST_INVALID). Runs at module init:
 * after Nest has registered its parsers, before the server listens (Fastify refuses later).
 */
@Injectable()
export class JsonBodyParser implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
    @Inject(SERVICE_CONFIG) private readonly config: Readonly<IngestConfig>,
  ) {}

  onModuleInit(): void {
    const limits = {
      maxDepth: this.config.HTTP_MAX_JSON_DEPTH,
      maxKeys: this.config.HTTP_MAX_JSON_KEYS,
    };
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    const parse = fastify.getDefaultJsonParser('error', 'error');
    if (fastify.hasContentTypeParser(JSON_TYPE)) fastify.removeContentTypeParser(JSON_TYPE);
    fastify.addContentTypeParser<string>(
      JSON_TYPE,
      { parseAs: 'string' },
      (request, body, done) => {
        parse(request, body, (error, value) => {
          if (error)
            done(
              new AppError('UNDECODABLE', `the body is not JSON: ${jsonErrorReason(error)}`),
              undefined,
            );
          else {
            // Bounded before validation walks it: too deep or too wide answers 400.
            const problem = jsonShapeProblem(value, limits);
            if (problem === undefined) done(null, value);
            else done(new AppError('REQUEST_INVALID', problem), undefined);
          }
        });
      },
    );
  }
}
