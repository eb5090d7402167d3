import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StackError } from './stack.error';

export type ToolName = 'java' | 'mvn' | 'redis-server' | 'nginx';

/** The one-line remedy printed when a tool is missing (CI installs exactly these packages). */
const INSTALL_HINT: Readonly<Record<ToolName, string>> = {
  java: 'java not found (JAVA_HOME or PATH): apt-get install -y openjdk-17-jre-headless',
  mvn: 'mvn not found on PATH: apt-get install -y maven',
  'redis-server': 'redis-server not found: apt-get install -y redis-server',
  nginx: 'nginx not found (PATH, /usr/sbin): apt-get install -y nginx',
};

const MIN_JAVA_MAJOR = 17;

const isExecutableFile = (file: string): boolean => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The first `name` on a PATH-style list of folders, or undefined. */
export function findExecutable(
  name: string,
  searchPath: string,
  isExecutable: (file: string) => boolean = isExecutableFile,
): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Where to look: JAVA_HOME first for java, then PATH; Debian keeps redis-server in /usr/bin and
 * nginx in /usr/sbin, which a non-root PATH often lacks.
 */
function searchPathFor(tool: ToolName, env: NodeJS.ProcessEnv): string {
  const pathList = env['PATH'] ?? '';
  const javaHome = env['JAVA_HOME'];
  if (tool === 'java' && javaHome)
    return [path.join(javaHome, 'bin'), pathList].join(path.delimiter);
  if (tool === 'nginx') return [pathList, '/usr/sbin'].join(path.delimiter);
  return pathList;
}

/** The tool's absolute path, or a StackError whose message says how to install it. */
export function requireTool(tool: ToolName, env: NodeJS.ProcessEnv = process.env): string {
  const found = findExecutable(tool, searchPathFor(tool, env));
  if (found === undefined) throw new StackError('MISSING_TOOL', INSTALL_HINT[tool]);
  return found;
}

/** The major version in `java -version` output ("17.0.15", "1.8.0_392" → 8), or undefined. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/** Resolves java and checks it is 17 or newer (Kafka 4 and the registry need it). */
export async function requireJava(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const java = requireTool('java', env);
  const output = await new Promise<string>((resolve) => {
    execFile(java, ['-version'], { timeout: 15_000 }, (_error, stdout, stderr) =>
      resolve(`${stderr}${stdout}`),
    );
  });
  const major = parseJavaMajor(output);
  if (major === undefined || major < MIN_JAVA_MAJOR) {
    const found = major === undefined ? 'an unreadable version' : `Java ${major}`;
    throw new StackError(
      'MISSING_TOOL',
      `${java} is ${found}; the stack needs Java ${MIN_JAVA_MAJOR}+`,
    );
  }
  return java;
}
