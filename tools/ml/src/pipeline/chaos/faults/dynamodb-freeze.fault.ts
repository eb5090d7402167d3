import type { Fault } from './fault.types';

/**
 * DynamoDB stops answering without closing anything (a frozen process, a network partition):
 * every request hangs until the client's own timeout. Actions must neither lose nor double a
 * prediction, and must catch up once it answers again.
 */
export const dynamodbFreezeFault: Fault = {
  name: 'dynamodb-freeze',
  injects:
    'every byte to and from DynamoDB held by the proxy (what SIGSTOP looks like), then released',
  async inject(run) {
    await run.rig.proxies.dynamodb.setMode('blackhole');
    run.mark('DynamoDB frozen');
    await new Promise((resolve) => setTimeout(resolve, run.windows.dynamodbFreezeMs));
    await run.rig.proxies.dynamodb.setMode('pass');
    run.mark(`DynamoDB resumed after ${run.windows.dynamodbFreezeMs / 1000} s`);
    run.healed();
  },
};
