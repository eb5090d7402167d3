import type { Fault } from './fault.types';

/**
 * The broker crashes under HTTP load and comes back on the same data: every producer and
 * consumer of the pipeline loses its connections at once, the HTTP API must turn events away
 * (or hold them) rather than accept what it cannot produce, and everything resumes without a
 * loss or a duplicate. The whole stream goes over HTTP for this one.
 */
export const brokerKillFault: Fault = {
  name: 'broker-kill',
  injects: 'SIGKILL of the (run’s own) Kafka broker under HTTP load, then a restart on its data',
  routing: 'http',
  crashes: true,
  async inject(run) {
    run.mark('SIGKILL the broker');
    await run.rig.broker.kill();
    run.mark('the broker is down; restarting it');
    await run.rig.broker.restart();
    run.mark('the broker serves again');
    run.healed();
  },
};
