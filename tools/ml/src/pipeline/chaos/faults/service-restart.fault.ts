import type { PipelineServiceName } from '../../launch/service.process';
import type { StopSignal } from '../run/pipeline.fleet';
import type { FaultName } from './fault.names';
import type { Fault } from './fault.types';

/**
 * A service's process replaced mid-stream: SIGTERM (a rolling deploy, a scale-in: the service
 * should finish its batches, commit and leave its group, so nothing is replayed) or SIGKILL (a
 * crash: what it had not committed is replayed by the new process, which must not duplicate
 * anything downstream). The signal lands while the service holds records it has not committed.
 */
export function serviceRestartFault(service: PipelineServiceName, signal: StopSignal): Fault {
  const graceful = signal === 'SIGTERM';
  return {
    name: `${graceful ? 'restart' : 'kill'}-${service}` as FaultName,
    injects: graceful
      ? `SIGTERM to ${service} while it consumes (a graceful stop), then a new process`
      : `SIGKILL of ${service} while it consumes (a crash), then a new process`,
    burstMs: 3_000,
    crashes: !graceful,
    async inject(run) {
      run.mark(`${signal} ${service} once it holds uncommitted records`);
      const { busy } = await run.fleet.restart(service, signal, () => run.inFlight(service));
      run.mark(
        `a new ${service} process is ready (the old one ${busy ? 'held uncommitted records' : 'had nothing in flight for 10 s'} when signalled)`,
      );
      run.healed();
    },
  };
}
