import { KEPT_STACK_NOTICE, STARTED_STACK_POLICY, stackOnStop } from './session-stop.plan';

describe('what a pipeline session does with the local stack when it stops', () => {
  it('demo and replay leave a stack they started running, so scores:export still reads what they stored', () => {
    expect(stackOnStop(true, STARTED_STACK_POLICY.run)).toBe('keep');
  });

  it('bench leaves a stack it started running too', () => {
    expect(stackOnStop(true, STARTED_STACK_POLICY.bench)).toBe('keep');
  });

  it('npm start stops a stack it started: its Ctrl-C stops everything it started', () => {
    expect(stackOnStop(true, STARTED_STACK_POLICY.start)).toBe('stop');
  });

  it('no session stops a stack it found running', () => {
    for (const policy of Object.values(STARTED_STACK_POLICY))
      expect(stackOnStop(false, policy)).toBe('not-ours');
  });

  it('tells the user the stack stays up, what still reads it and what stops it', () => {
    expect(KEPT_STACK_NOTICE).toContain('scores:export');
    expect(KEPT_STACK_NOTICE).toContain('npm run infra:down');
  });
});
