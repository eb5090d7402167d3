export { loadConfig } from './load-config';
export type { ConfigProblem, Environment } from './load-config';
export {
  DEFAULT_ENDPOINTS,
  LOCAL_STACK_CREDENTIALS,
  LOCAL_STACK_HOST,
  LOCAL_STACK_PORTS,
  field,
} from './env-fields';
