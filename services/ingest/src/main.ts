import 'reflect-metadata';
import { runService } from '@rtml/service-runtime';
import { ingestService } from './ingest.service-definition';

void runService(ingestService);
