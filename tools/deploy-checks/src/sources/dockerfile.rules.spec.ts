import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_IDS } from '@rtml/contracts';
import { ROOT } from '../workspace/workspace.paths';
import { dockerfileProblems } from './dockerfile.rules';
import { defaultHttpPort } from './service-port.reader';

const nodeVersion = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  }
).devDependencies['node'] as string;

const dockerfile = (service: string) =>
  readFileSync(join(ROOT, 'services', service, 'Dockerfile'), 'utf8');

const expectations = (service: string) => ({
  service,
  port: defaultHttpPort(service),
  nodeVersion,
});

/** The problems an edit adds to a committed Dockerfile (its own are not counted twice). */
const introduced = (service: string, edited: string) => {
  const committed = dockerfileProblems(dockerfile(service), expectations(service));
  return dockerfileProblems(edited, expectations(service)).filter((p) => !committed.includes(p));
};

describe('service Dockerfiles', () => {
  it.each(SERVICE_IDS)(
    'builds %s in stages on the pinned Node base and runs it as a non-root user, healthchecked, with Node as PID 1',
    (service) => {
      expect(dockerfileProblems(dockerfile(service), expectations(service))).toEqual([]);
    },
  );

  it('names a port that disagrees with the service config', () => {
    const text = dockerfile('scoring').replace(/^EXPOSE \d+$/m, 'EXPOSE 3030');
    expect(introduced('scoring', text)).toEqual([
      `services/scoring/Dockerfile exposes 3030, expected ${defaultHttpPort('scoring')}`,
    ]);
  });

  it('refuses a shell-form CMD, a root user, a floating base and the workspace in the runtime stage', () => {
    const text = dockerfile('ingest')
      .replace(/^CMD .*$/m, 'CMD npm start')
      .replace('USER 1000:1000', 'USER root')
      .replace('FROM node:24.21.0-bookworm-slim AS runtime', 'FROM node:24-slim AS runtime')
      .replace('COPY --from=build /out/ ./', 'COPY . .');
    expect(introduced('ingest', text)).toEqual([
      `services/ingest/Dockerfile: stage runtime starts from node:24-slim, expected node:${nodeVersion}-bookworm-slim (package.json devDependencies.node)`,
      "services/ingest/Dockerfile: the runtime stage copies from the build context (COPY . .); it may only take the build stage's output",
      'services/ingest/Dockerfile: USER root is not a numeric non-root uid (Kubernetes cannot verify runAsNonRoot for a name)',
      'services/ingest/Dockerfile: CMD is not in exec form, so a shell would receive SIGTERM instead of Node',
    ]);
  });
});
