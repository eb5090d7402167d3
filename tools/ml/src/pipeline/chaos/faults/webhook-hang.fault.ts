import type { Fault } from './fault.types';

/**
 * The alert webhook accepts connections and never answers. Deliveries must stay within
 * WEBHOOK_MAX_ATTEMPTS per alert in total and must not hold up storing predictions (the
 * consume path), whatever the receiver does.
 */
export const webhookHangFault: Fault = {
  name: 'webhook-hang',
  injects: 'an alert webhook that accepts connections and never answers',
  injectAt: 0,
  healedBy: 1,
  async inject(run) {
    run.rig.webhook.setMode('hang');
    run.mark('the webhook hangs');
    await new Promise((resolve) => setTimeout(resolve, run.windows.webhookHangMs));
    const hung = run.rig.webhook.calls;
    run.rig.webhook.setMode('answer');
    run.mark(
      `the webhook answers again after ${run.windows.webhookHangMs / 1000} s (${hung} calls left hanging)`,
    );
    run.healed();
    return async () =>
      hung > 0 ? [] : ['no alert reached the webhook while it hung: the fault was never exercised'];
  },
};
