import { execForm, readDockerfile } from './dockerfile.reader';
import type { Instruction } from './dockerfile.reader';

export interface DockerfileExpectations {
  readonly service: string;
  /** The service's default HTTP port (its config). */
  readonly port: number;
  /** The Node version the workspace runs on (package.json devDependencies.node). */
  readonly nodeVersion: string;
}

/** `ENV a=1 b=2` (or the legacy `ENV a 1`) as a map. */
function envOf(instructions: readonly Instruction[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const { args } of instructions.filter((i) => i.keyword === 'ENV')) {
    if (!args.includes('=')) {
      const [name = '', ...value] = args.split(/\s+/);
      env.set(name, value.join(' '));
    } else
      for (const pair of args.match(/\S+=("[^"]*"|\S*)/g) ?? []) {
        const eq = pair.indexOf('=');
        env.set(pair.slice(0, eq), pair.slice(eq + 1).replace(/^"|"$/g, ''));
      }
  }
  return env;
}

/**
 * What a service image must be: multi-stage on the pinned Node base, a runtime stage holding only
 * the build stage's output, a numeric non-root user, the service port, a HEALTHCHECK on
 * /health/live and an exec-form CMD running Node directly (so SIGTERM reaches it).
 */
export function dockerfileProblems(text: string, expected: DockerfileExpectations): string[] {
  const file = `services/${expected.service}/Dockerfile`;
  const problems: string[] = [];
  const stages = readDockerfile(text);
  const base = `node:${expected.nodeVersion}-bookworm-slim`;
  const stageNames = new Set(stages.map((stage) => stage.name));
  if (stages.length < 2)
    problems.push(`${file} has ${stages.length} stage(s), expected a multi-stage build`);
  for (const stage of stages)
    if (!stageNames.has(stage.from) && stage.from !== base)
      problems.push(
        `${file}: stage ${stage.name ?? '(unnamed)'} starts from ${stage.from}, expected ${base} (package.json devDependencies.node)`,
      );
  const all = stages.flatMap((stage) => stage.instructions);
  const runs = all.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  if (!runs.some((run) => run.includes(`nx run ${expected.service}:build`)))
    problems.push(`${file} never builds the service with nx run ${expected.service}:build`);
  if (!runs.some((run) => run.includes(`deploy-prune.cli.ts ${expected.service} `)))
    problems.push(`${file} never runs the deploy prune for ${expected.service}`);
  const runtime = stages[stages.length - 1];
  if (runtime === undefined) return problems;
  const at = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword);
  for (const copy of [...at('COPY'), ...at('ADD')])
    if (!/--from=/.test(copy.args))
      problems.push(
        `${file}: the runtime stage copies from the build context (${copy.keyword} ${copy.args}); it may only take the build stage's output`,
      );
  const user = at('USER').pop()?.args;
  if (user === undefined) problems.push(`${file}: the runtime stage runs as root (no USER)`);
  else if (!/^[1-9]\d*(:\d+)?$/.test(user))
    problems.push(
      `${file}: USER ${user} is not a numeric non-root uid (Kubernetes cannot verify runAsNonRoot for a name)`,
    );
  const exposed = at('EXPOSE')
    .flatMap((i) => i.args.split(/\s+/))
    .map((p) => p.split('/')[0]);
  if (!exposed.includes(String(expected.port)))
    problems.push(`${file} exposes ${exposed.join(', ') || 'no port'}, expected ${expected.port}`);
  const env = envOf(runtime.instructions);
  if (env.get('HTTP_PORT') !== String(expected.port))
    problems.push(
      `${file} sets HTTP_PORT=${env.get('HTTP_PORT') ?? '(unset)'}, expected ${expected.port}`,
    );
  if (env.get('NODE_ENV') !== 'production')
    problems.push(`${file} does not set NODE_ENV=production`);
  const healthcheck = at('HEALTHCHECK').pop()?.args ?? '';
  if (!healthcheck.includes('/health/live'))
    problems.push(`${file}: the HEALTHCHECK does not probe /health/live`);
  const cmd = execForm(at('CMD').pop()?.args ?? '');
  const entry = `services/${expected.service}/dist/main.js`;
  if (cmd === undefined)
    problems.push(
      `${file}: CMD is not in exec form, so a shell would receive SIGTERM instead of Node`,
    );
  else if (cmd[0] !== 'node' || cmd[cmd.length - 1] !== entry)
    problems.push(`${file}: CMD runs ${cmd.join(' ')}, expected node … ${entry}`);
  if (at('ENTRYPOINT').length > 0) problems.push(`${file}: an ENTRYPOINT would wrap the CMD`);
  return problems;
}
