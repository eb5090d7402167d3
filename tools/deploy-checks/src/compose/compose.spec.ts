import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { allServiceFacts } from '../agreement/service-facts';
import { composeAgreementProblems } from '../agreement/compose-agreement.rules';
import { defaultHttpPort } from '../sources/service-port.reader';
import { ROOT } from '../workspace/workspace.paths';
import { readCompose } from './compose.model';
import type { ComposeFile } from './compose.model';
import { composeProblems } from './compose.rules';

const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const exists = (path: string) => existsSync(join(ROOT, path));
const prometheusTargets = (
  parse(readFileSync(join(ROOT, 'deploy/prometheus/prometheus.yml'), 'utf8')) as {
    scrape_configs: { static_configs: { targets: string[] }[] }[];
  }
).scrape_configs.flatMap((job) => job.static_configs.flatMap((config) => config.targets));

/** A service of the compose file in the shape the tests edit (anchors already resolved). */
interface EditableService {
  image?: string;
  ports?: string[];
  volumes: string[];
  depends_on: Record<string, { condition: string }>;
  healthcheck?: unknown;
}
interface EditableCompose {
  services: Record<string, EditableService>;
  volumes: Record<string, unknown>;
}

/** The compose file as committed, as a fresh copy a test may break. */
const compose = (): EditableCompose & ComposeFile =>
  structuredClone(readCompose(text)) as unknown as EditableCompose & ComposeFile;

const service = (file: EditableCompose, name: string): EditableService => {
  const found = file.services[name];
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
};

/** The problems an edit adds to the committed file (whatever that one has is not counted twice). */
const introduced = (rule: (file: ComposeFile) => string[], edited: ComposeFile) => {
  const committed = rule(readCompose(text));
  return rule(edited).filter((problem) => !committed.includes(problem));
};
const structure = (file: ComposeFile) => composeProblems(file, exists);
const agreement = (file: ComposeFile) =>
  composeAgreementProblems(file, prometheusTargets, allServiceFacts());

describe('docker-compose.yml', () => {
  it('parses, and references only services, volumes and files it has', () => {
    expect(composeProblems(readCompose(text), exists)).toEqual([]);
  });

  it('runs each pipeline service from its image on its port, after init, healthy when ready, and scraped', () => {
    expect(
      composeAgreementProblems(readCompose(text), prometheusTargets, allServiceFacts()),
    ).toEqual([]);
  });

  it('names a dependency on a service that does not exist, and an unknown condition', () => {
    const file = compose();
    service(file, 'scoring').depends_on['model-seed'] = {
      condition: 'service_completed_successfully',
    };
    service(file, 'actions').depends_on['dynamodb'] = { condition: 'service_ready' };
    expect(introduced(structure, file)).toEqual([
      'docker-compose.yml: scoring depends on model-seed, which is not a service',
      'docker-compose.yml: actions waits for dynamodb with condition service_ready, not one of service_started, service_healthy, service_completed_successfully',
    ]);
  });

  it('names an undefined volume, a missing bind mount and an unpinned image', () => {
    const file = compose();
    delete file.volumes['redis-data'];
    service(file, 'prometheus').volumes[0] =
      './deploy/prometheus/missing.yml:/etc/prometheus/prometheus.yml:ro';
    service(file, 'grafana').image = 'grafana/grafana';
    expect(introduced(structure, file)).toEqual([
      'docker-compose.yml: redis uses volume redis-data, which the top-level volumes do not define',
      'docker-compose.yml: prometheus mounts ./deploy/prometheus/missing.yml, which does not exist',
      "docker-compose.yml: grafana's image grafana/grafana has no tag (it would mean latest)",
    ]);
  });

  it('names a published port that disagrees with the service config', () => {
    const file = compose();
    service(file, 'scoring').ports = ['3030:3030'];
    expect(introduced(agreement, file)).toEqual([
      `docker-compose.yml: scoring publishes container port(s) 3030, but its config defaults HTTP_PORT to ${defaultHttpPort('scoring')}`,
    ]);
  });

  it('waits only on healthchecks that exist', () => {
    const file = compose();
    delete service(file, 'redis').healthcheck;
    expect(introduced(structure, file)).toEqual([
      'docker-compose.yml: features waits for redis to be healthy, but redis has no healthcheck',
    ]);
  });
});
