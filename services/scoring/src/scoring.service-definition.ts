import type { ServiceDefinition } from '@rtml/service-runtime';
import { loadScoringConfig } from './scoring.config';
import type { ScoringConfig } from './scoring.config';
import { ScoringModule } from './scoring.module';

export const scoringService: ServiceDefinition<Readonly<ScoringConfig>> = {
  name: 'scoring',
  loadConfig: loadScoringConfig,
  rootModule: (runtime, config) => ScoringModule.forRoot(runtime, config),
};
