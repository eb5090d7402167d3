import type { ServiceDefinition } from '@rtml/service-runtime';
import { loadActionsConfig } from './actions.config';
import type { ActionsConfig } from './actions.config';
import { ActionsModule } from './actions.module';

export const actionsService: ServiceDefinition<Readonly<ActionsConfig>> = {
  name: 'actions',
  loadConfig: loadActionsConfig,
  rootModule: (runtime, config) => ActionsModule.forRoot(runtime, config),
};
