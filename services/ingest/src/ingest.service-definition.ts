import type { ServiceDefinition } from '@rtml/service-runtime';
import { loadIngestConfig } from './ingest.config';
import type { IngestConfig } from './ingest.config';
import { IngestModule } from './ingest.module';

export const ingestService: ServiceDefinition<Readonly<IngestConfig>> = {
  name: 'ingest',
  loadConfig: loadIngestConfig,
  rootModule: (runtime, config) => IngestModule.forRoot(runtime, config),
};
