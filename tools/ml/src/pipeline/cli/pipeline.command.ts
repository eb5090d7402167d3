import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { KafkaRecordPublisher, createKafkaClient } from '@rtml/kafka';
import { createLogger } from '@rtml/observability';
import type { ReferenceTransaction } from '../../csv/reference-transaction.model';
import { startPipeline } from '../launch/pipeline.session';
import { STARTED_STACK_POLICY } from '../launch/session-stop.plan';
import { HttpEventSink, KafkaEventSink } from '../feed/raw-event.sender';
import type { RawEventSink } from '../feed/raw-event.sender';
import { runThroughPipeline } from '../outcome/pipeline.run';
import type { PipelineRunReport } from '../outcome/pipeline.run';
import type { Via } from './pipeline-args.parser';

export interface PipelineCommand {
  readonly rows: AsyncIterable<readonly ReferenceTransaction[]>;
  readonly via: Via;
  readonly rate: number;
  readonly idPrefix: string;
  /** See PipelineRunOptions.checkpointMs. */
  readonly checkpointMs?: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * What demo and replay share: bring up whatever is not running, stream the rows through the
 * live pipeline, wait for every outcome, stop the services it started (a stack it started stays
 * up, so the stored predictions can still be read: StartedStackPolicy), and print the report as
 * the last line on stdout (progress goes to stderr, so `| tail -1` is the JSON).
 */
export async function runPipelineCommand(command: PipelineCommand): Promise<PipelineRunReport> {
  const session = await startPipeline({ log, startedStack: STARTED_STACK_POLICY.run });
  const kafka = createKafkaClient({
    brokers: (process.env['KAFKA_BROKERS'] ?? DEFAULT_ENDPOINTS.kafkaBrokers).split(','),
    clientId: 'rtml-pipeline-run',
    logger: createLogger({ service: 'pipeline-run', level: 'warn' }),
  });
  const publisher = new KafkaRecordPublisher(kafka);
  try {
    let sink: RawEventSink;
    if (command.via === 'kafka') {
      await publisher.connect();
      sink = new KafkaEventSink(publisher, process.env['TOPIC_PREFIX'] || undefined);
    } else {
      sink = new HttpEventSink(session.urls.ingest);
    }
    const { report } = await runThroughPipeline({
      kafka,
      rows: command.rows,
      sink,
      rate: command.rate,
      idPrefix: command.idPrefix,
      ...(command.checkpointMs === undefined ? {} : { checkpointMs: command.checkpointMs }),
      labelDelayDays: 7,
      stallTimeoutMs: 120_000,
      log,
    });
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return report;
  } finally {
    await publisher.disconnect();
    if (session.launched.length > 0) log('stopping what this command started...');
    await session.stop();
  }
}
