import type { ServiceDefinition } from '@rtml/service-runtime';
import { loadFeaturesConfig } from './features.config';
import type { FeaturesConfig } from './features.config';
import { FeaturesModule } from './features.module';

export const featuresService: ServiceDefinition<Readonly<FeaturesConfig>> = {
  name: 'features',
  loadConfig: loadFeaturesConfig,
  rootModule: (runtime, config) => FeaturesModule.forRoot(runtime, config),
};
