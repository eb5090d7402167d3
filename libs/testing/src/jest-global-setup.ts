import { ensureStackUp, isStackUp, stackStatus } from '@rtml/local-stack';
import { isDockerReachable, startContainerStack } from './container-stack';
import { LOCAL_STACK_ENDPOINTS, TEST_ENDPOINTS_ENV } from './test-endpoints';

/**
 * Provisions the real servers once per Jest run: containers when a Docker engine answers (or
 * RTML_TEST_STACK=containers), else the no-Docker local stack, started if it is not running
 * and left running for the next run. Workers read the endpoints from RTML_TEST_ENDPOINTS.
 */
export default async function globalSetup(): Promise<void> {
  const choice = process.env['RTML_TEST_STACK'] ?? 'auto';
  const useContainers =
    choice === 'containers' || (choice === 'auto' && (await isDockerReachable()));
  if (useContainers) {
    const { endpoints, containers } = await startContainerStack();
    (globalThis as { __rtmlContainers?: unknown }).__rtmlContainers = containers;
    process.env[TEST_ENDPOINTS_ENV] = JSON.stringify(endpoints);
    process.env['RTML_TEST_STACK'] = 'containers'; // suites about the local stack itself skip
    return;
  }
  // Servers already answering on the stack's ports are used as they are (whoever started them).
  if (!isStackUp(await stackStatus())) await ensureStackUp();
  process.env[TEST_ENDPOINTS_ENV] = JSON.stringify(LOCAL_STACK_ENDPOINTS);
}
