import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@rtml/observability';
import { LOGGER } from '@rtml/service-runtime';
import { actionsTableDefinitions } from './scores-table.definition';
import type { ActionsTableNames } from './scores-table.definition';
import { ensureTable } from './table.provisioner';

/** Injection token of the tables settings. */
export const TABLES_OPTIONS = Symbol('rtml.actions.tables');

export interface TablesOptions extends ActionsTableNames {
  /** CREATE_TABLE: create missing tables at boot (local stack, tests) or only check them. */
  readonly create: boolean;
}

/**
 * Makes sure every table exists before the consumers start (module init runs before the consumer
 * joins its group): created when missing with CREATE_TABLE=true, else checked, and the boot
 * refused when one is missing.
 */
@Injectable()
export class TablesLifecycle implements OnModuleInit {
  constructor(
    @Inject(DynamoDBClient) private readonly client: DynamoDBClient,
    @Inject(TABLES_OPTIONS) private readonly options: TablesOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const { create } = this.options;
    for (const table of actionsTableDefinitions(this.options))
      await ensureTable(this.client, table, { create });
    this.logger.info(
      {
        scoresTable: this.options.scoresTable,
        alertStateTable: this.options.alertStateTable,
        labelsTable: this.options.labelsTable,
        qualityTable: this.options.qualityTable,
      },
      create ? 'tables ready (created when missing)' : 'tables present',
    );
  }
}
