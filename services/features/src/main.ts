import 'reflect-metadata';
import { runService } from '@rtml/service-runtime';
import { featuresService } from './features.service-definition';

void runService(featuresService);
