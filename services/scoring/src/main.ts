import 'reflect-metadata';
import { runService } from '@rtml/service-runtime';
import { scoringService } from './scoring.service-definition';

void runService(scoringService);
