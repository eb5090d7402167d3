import { Inject, Injectable } from '@nestjs/common';
import type { INestApplication, OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER } from './api-key.guard';
import { API_KEY_SCHEME } from './scores-api.openapi';
import { serveDirectory } from './static-files.route';
import type { RouteAdder } from './static-files.route';

/** Where the UI and the raw document are served (unauthenticated, like health and metrics). */
export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs/json';

/**
 * Serves the OpenAPI document of the service's HTTP endpoints at /docs (Swagger UI) and
 * /docs/json, built by @nestjs/swagger from the controllers' decorators.
 *
 * Why a provider and not the usual `SwaggerModule.setup(path, app, ...)` in main: the shared
 * runtime (`startService`) creates the app and listens in one step, and Fastify accepts no new
 * routes once listening, so there is no moment for main to add them. This runs in onModuleInit,
 * after Nest has registered the controllers' routes and before the server listens, and hands
 * @nestjs/swagger a view of the application made of the pieces it reads (the modules, the HTTP
 * adapter, static assets, which `serveDirectory` serves). No global prefix or versioning is configured, so a default
 * ApplicationConfig reads the same. A `configureApp` hook in ServiceDefinition would remove this.
 */
@Injectable()
export class OpenApiDocs implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(ModulesContainer) private readonly modules: ModulesContainer,
  ) {}

  onModuleInit(): void {
    const app = this.applicationView();
    const config = new DocumentBuilder()
      .setTitle('rtml actions: scores API')
      .setDescription(
        'Every prediction the pipeline made, by event id and by entity over event time, each ' +
          'with its label, whether it has matured (the label delay passed in event time) and its ' +
          'outcome (fraud, genuine or pending). ' +
          `Authenticate with the ${API_KEY_HEADER} header. Errors answer { code, message, details }.`,
      )
      .setVersion('1')
      .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, API_KEY_SCHEME)
      .build();
    const document = SwaggerModule.createDocument(app, config);
    SwaggerModule.setup(DOCS_PATH, app, document, {
      jsonDocumentUrl: DOCS_JSON_PATH,
      raw: ['json'],
    });
  }

  private applicationView(): INestApplication {
    const adapter = this.adapterHost.httpAdapter;
    const routes: RouteAdder = adapter;
    const view = {
      container: { getModules: () => this.modules },
      config: new ApplicationConfig(),
      getHttpAdapter: () => adapter,
      useStaticAssets: (options: { root: string | string[]; prefix?: string }) => {
        const root = Array.isArray(options.root) ? options.root[0] : options.root;
        if (root) serveDirectory(routes, options.prefix ?? `/${DOCS_PATH}`, root);
      },
    };
    return view as unknown as INestApplication;
  }
}
