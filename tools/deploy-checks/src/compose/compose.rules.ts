import { imageProblems } from '../policy/workload.rules';
import { dependencies } from './compose.model';
import type { ComposeFile, ComposeService } from './compose.model';

const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];
const WORKSPACE_PATH = /^(?:services|libs|tools|deploy)\/\S+$/;

const commandOf = (service: ComposeService): string[] =>
  typeof service.command === 'string' ? service.command.split(/\s+/) : [...(service.command ?? [])];

/** A command argument that names a workspace file; a compiled service file maps to its source. */
function sourceOf(arg: string): string {
  const compiled = /^services\/([^/]+)\/dist\/(.+)\.js$/.exec(arg);
  return compiled ? `services/${compiled[1]}/src/${compiled[2]}.ts` : arg;
}

function volumeProblems(
  name: string,
  service: ComposeService,
  compose: ComposeFile,
  exists: (p: string) => boolean,
): string[] {
  const problems: string[] = [];
  for (const volume of service.volumes ?? []) {
    const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
    if (source === undefined || source === '') continue;
    if (source.startsWith('.') || source.startsWith('/')) {
      if (!exists(source.replace(/^\.\//, '')))
        problems.push(`docker-compose.yml: ${name} mounts ${source}, which does not exist`);
    } else if (!Object.hasOwn(compose.volumes ?? {}, source))
      problems.push(
        `docker-compose.yml: ${name} uses volume ${source}, which the top-level volumes do not define`,
      );
  }
  return problems;
}

function dependencyProblems(name: string, service: ComposeService, compose: ComposeFile): string[] {
  const problems: string[] = [];
  for (const [target, condition] of dependencies(service)) {
    const other = compose.services[target];
    if (other === undefined) {
      problems.push(`docker-compose.yml: ${name} depends on ${target}, which is not a service`);
      continue;
    }
    if (!CONDITIONS.includes(condition))
      problems.push(
        `docker-compose.yml: ${name} waits for ${target} with condition ${condition}, not one of ${CONDITIONS.join(', ')}`,
      );
    if (
      condition === 'service_healthy' &&
      (other.healthcheck?.test === undefined || other.healthcheck.disable)
    )
      problems.push(
        `docker-compose.yml: ${name} waits for ${target} to be healthy, but ${target} has no healthcheck`,
      );
    if (condition === 'service_completed_successfully' && (other.restart ?? 'no') !== 'no')
      problems.push(
        `docker-compose.yml: ${name} waits for ${target} to complete, but ${target} restarts (${other.restart})`,
      );
  }
  return problems;
}

/**
 * What any compose file here must hold: every `depends_on` names a service with a valid
 * condition that can be met, every named volume is defined, every bind mount, Dockerfile and
 * workspace file a command runs exists, and every image is pinned.
 */
export function composeProblems(compose: ComposeFile, exists: (path: string) => boolean): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    problems.push(...imageProblems(`docker-compose.yml: ${name}`, service.image));
    problems.push(
      ...dependencyProblems(name, service, compose),
      ...volumeProblems(name, service, compose, exists),
    );
    const dockerfile = typeof service.build === 'object' ? service.build.dockerfile : undefined;
    if (dockerfile !== undefined && !exists(dockerfile))
      problems.push(`docker-compose.yml: ${name} builds from ${dockerfile}, which does not exist`);
    for (const arg of commandOf(service).filter((a) => WORKSPACE_PATH.test(a)))
      if (!exists(sourceOf(arg)))
        problems.push(
          `docker-compose.yml: ${name} runs ${arg}, but ${sourceOf(arg)} does not exist`,
        );
  }
  return problems;
}
