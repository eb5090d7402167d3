import { createDynamoDbClient } from '@rtml/connections';
import { describeError } from '@rtml/errors';
import { loadActionsConfig } from './actions.config';
import { actionsTableDefinitions } from './store-prediction/scores-table.definition';
import { ensureTable } from './store-prediction/table.provisioner';

/**
 * One-shot job (docker compose `init`, a Kubernetes Job, or by hand): creates the scores table
 * (with its byEntity index and TTL), the alert-state, labels and quality tables when they are
 * missing, from the actions service's own configuration (SCORES_TABLE, ALERT_STATE_TABLE,
 * LABELS_TABLE, QUALITY_TABLE, DYNAMODB_ENDPOINT...), then exits 0. Idempotent. With it, the service itself can run with CREATE_TABLE=false.
 */
async function provisionTables(): Promise<void> {
  const config = loadActionsConfig(process.env);
  const client = createDynamoDbClient(config.DYNAMODB_ENDPOINT, config);
  try {
    const tables = actionsTableDefinitions({
      scoresTable: config.SCORES_TABLE,
      alertStateTable: config.ALERT_STATE_TABLE,
      labelsTable: config.LABELS_TABLE,
      qualityTable: config.QUALITY_TABLE,
    });
    for (const table of tables) await ensureTable(client, table, { create: true });
    process.stdout.write(
      `${JSON.stringify({ level: 'info', service: 'provision-tables', msg: 'tables are in place', tables: tables.map((t) => t.create.TableName) })}\n`,
    );
  } finally {
    client.destroy();
  }
}

provisionTables().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', service: 'provision-tables', msg: describeError(error) })}\n`,
  );
  process.exitCode = 1;
});
