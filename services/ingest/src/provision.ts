import 'reflect-metadata';
import { loadConfig } from '@rtml/config';
import { kafkaConnectionSettings, kafkaFields } from '@rtml/connections';
import { describeError } from '@rtml/errors';
import { AvroSerde, TopicAdmin, createKafkaClient, provisionContracts } from '@rtml/kafka';
import { createLogger } from '@rtml/observability';
import { z } from 'zod';

/**
 * One-shot job (docker compose `init`, a Kubernetes Job): creates the contract topics that are
 * missing and registers every value schema with its compatibility rule, then exits 0. Idempotent.
 */
async function provision(): Promise<void> {
  const config = loadConfig(z.object(kafkaFields), process.env);
  const settings = kafkaConnectionSettings(config, 'rtml-provision');
  const logger = createLogger({ service: 'provision' });
  const admin = new TopicAdmin(createKafkaClient({ ...settings, logger }));
  try {
    await provisionContracts(
      admin,
      new AvroSerde(settings.schemaRegistryUrl, settings.registryAuth),
      config.TOPIC_PREFIX || undefined,
    );
    logger.info({ prefix: config.TOPIC_PREFIX }, 'contract topics and subjects are in place');
  } finally {
    await admin.disconnect();
  }
}

provision().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', service: 'provision', msg: describeError(error) })}\n`,
  );
  process.exitCode = 1;
});
