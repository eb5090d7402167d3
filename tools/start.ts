/**
 * `npm start`: the embedded local stack, the contract topics and schema subjects, a champion
 * model (trained and promoted when the registry has none), and the four services built and
 * running as separate processes on their default ports. Every endpoint can be overridden with
 * the services' environment variables (see the README). Ctrl-C stops the services gracefully,
 * then the stack's servers if this command started them (demo and replay, by contrast, leave a
 * stack they started running: see StartedStackPolicy).
 */
import { LOCAL_DEV_KEYS } from '@rtml/contracts';
import { describeError } from '@rtml/errors';
import { startPipeline } from './ml/src/pipeline/launch/pipeline.session';
import type { PipelineSession } from './ml/src/pipeline/launch/pipeline.session';
import { STARTED_STACK_POLICY } from './ml/src/pipeline/launch/session-stop.plan';

async function main(): Promise<void> {
  const session = await startPipeline({
    log: (line) => console.log(line),
    startedStack: STARTED_STACK_POLICY.start,
  });
  installShutdown(session);
  console.log('\nrtml is running:');
  for (const [name, url] of Object.entries(session.urls))
    console.log(
      `  ${name.padEnd(9)} ${url}  (health: ${url}/health/ready, metrics: ${url}/metrics)`,
    );
  console.log(
    `  scores API ${session.urls.actions}/v1/scores/{eventId}  (OpenAPI: ${session.urls.actions}/docs)`,
  );
  console.log(
    `  send events: POST ${session.urls.ingest}/v1/events  (x-api-key: ${LOCAL_DEV_KEYS.producer}, loopback only)`,
  );
  for (const service of session.launched)
    console.log(`  log of ${service.name}: ${service.logFile}`);
  for (const service of session.launched)
    service.child.once('exit', (code, signal) => {
      if (!shuttingDown)
        console.error(`${service.name} exited (${signal ?? code}); see ${service.logFile}`);
    });
  console.log('\nCtrl-C stops everything this command started.');
}

let shuttingDown = false;

function installShutdown(session: PipelineSession): void {
  const shutdown = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nstopping...');
    await session.stop();
    console.log('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${describeError(error)}`);
  process.exit(1);
});
