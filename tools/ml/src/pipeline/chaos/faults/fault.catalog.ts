import { brokerKillFault } from './broker-kill.fault';
import { dynamodbFreezeFault } from './dynamodb-freeze.fault';
import type { FaultName } from './fault.names';
import type { Fault } from './fault.types';
import { poisonFault } from './poison.fault';
import { redisRestartFault } from './redis-restart.fault';
import { registryDownFault } from './registry-down.fault';
import { s3PromotionFault } from './s3-promotion.fault';
import { serviceRestartFault } from './service-restart.fault';
import { webhookHangFault } from './webhook-hang.fault';

/** Every fault module by name; each runs on its own (`--faults <name>`). */
export const FAULTS: Readonly<Record<FaultName, Fault>> = {
  'restart-ingest': serviceRestartFault('ingest', 'SIGTERM'),
  'restart-features': serviceRestartFault('features', 'SIGTERM'),
  'restart-scoring': serviceRestartFault('scoring', 'SIGTERM'),
  'restart-actions': serviceRestartFault('actions', 'SIGTERM'),
  'kill-ingest': serviceRestartFault('ingest', 'SIGKILL'),
  'kill-features': serviceRestartFault('features', 'SIGKILL'),
  'kill-scoring': serviceRestartFault('scoring', 'SIGKILL'),
  'kill-actions': serviceRestartFault('actions', 'SIGKILL'),
  'broker-kill': brokerKillFault,
  'registry-down': registryDownFault,
  'redis-restart': redisRestartFault,
  'dynamodb-freeze': dynamodbFreezeFault,
  's3-down-promotion': s3PromotionFault,
  'webhook-hang': webhookHangFault,
  'oversized-records': poisonFault('oversized'),
  'undecodable-records': poisonFault('undecodable'),
  'schema-invalid-records': poisonFault('schema-invalid'),
};
