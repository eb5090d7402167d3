import 'reflect-metadata';
import { runService } from '@rtml/service-runtime';
import { actionsService } from './actions.service-definition';

void runService(actionsService);
