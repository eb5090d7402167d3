/** Injection tokens of the runtime module (interfaces have no runtime identity). */
export const LOGGER = Symbol('rtml.logger');
export const SERVICE_CONFIG = Symbol('rtml.service-config');
