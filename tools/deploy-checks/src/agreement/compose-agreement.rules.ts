import { containerPorts, dependencies, environment, seconds } from '../compose/compose.model';
import type { ComposeFile } from '../compose/compose.model';
import type { ServiceFacts } from './service-facts';

/** The default SHUTDOWN_TIMEOUT_MS (baseServiceFields) in seconds. */
const DEFAULT_SHUTDOWN_SECONDS = 25;

/**
 * Each pipeline service in docker-compose.yml against its sources: image `rtml/<service>:<version>`
 * built from its Dockerfile, its config's port published and set, started after the init job,
 * healthy only when ready, stopped with more grace than its shutdown budget, and scraped by
 * Prometheus on that port.
 */
export function composeAgreementProblems(
  compose: ComposeFile,
  prometheusTargets: readonly string[],
  facts: readonly ServiceFacts[],
): string[] {
  const problems: string[] = [];
  for (const { service, port, version, image } of facts) {
    const entry = compose.services[service];
    const who = `docker-compose.yml: ${service}`;
    if (entry === undefined) {
      problems.push(`${who} is missing`);
      continue;
    }
    if (entry.image !== `${image}:${version}`)
      problems.push(
        `${who} uses image ${entry.image}, expected ${image}:${version} (services/${service}/package.json)`,
      );
    const dockerfile = typeof entry.build === 'object' ? entry.build.dockerfile : undefined;
    if (dockerfile !== `services/${service}/Dockerfile`)
      problems.push(
        `${who} builds from ${dockerfile ?? '(nothing)'}, expected services/${service}/Dockerfile`,
      );
    if (!containerPorts(entry).includes(port))
      problems.push(
        `${who} publishes container port(s) ${containerPorts(entry).join(', ') || 'none'}, but its config defaults HTTP_PORT to ${port}`,
      );
    const env = environment(entry);
    if (env.has('HTTP_PORT') && env.get('HTTP_PORT') !== String(port))
      problems.push(
        `${who} sets HTTP_PORT=${env.get('HTTP_PORT')}, but its config defaults it to ${port}`,
      );
    if (dependencies(entry).get('init') !== 'service_completed_successfully')
      problems.push(`${who} does not wait for init to complete (the topics and subjects)`);
    const test = [entry.healthcheck?.test ?? []].flat().join(' ');
    if (!test.includes('/health/ready'))
      problems.push(
        `${who}'s healthcheck does not probe /health/ready, so up --wait would not mean usable`,
      );
    const budget = Number(env.get('SHUTDOWN_TIMEOUT_MS') ?? DEFAULT_SHUTDOWN_SECONDS * 1000) / 1000;
    if (!(seconds(entry.stop_grace_period) > budget))
      problems.push(
        `${who}'s stop_grace_period ${entry.stop_grace_period ?? '10s'} does not exceed its shutdown budget of ${budget} s`,
      );
    if (!prometheusTargets.includes(`${service}:${port}`))
      problems.push(`deploy/prometheus/prometheus.yml does not scrape ${service}:${port}`);
  }
  return problems;
}
