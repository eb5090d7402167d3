import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../workspace/workspace.paths';

/** The file that declares a service's configuration (its zod schema and defaults). */
export const configFile = (service: string): string =>
  `services/${service}/src/${service}.config.ts`;

/**
 * The default HTTP port a service's config declares: the literal passed to
 * `baseServiceFields(<port>)` in its config file. Read from the syntax tree, not by importing the
 * module: tooling may not import service code (module boundaries), and evaluating a config
 * module would run its imports. Throws, naming the file, when the call is not there exactly once
 * with a number literal.
 */
export function defaultHttpPortIn(source: string, file: string): number {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const ports: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'baseServiceFields'
    )
      ports.push(node.arguments.map((argument) => argument.getText(tree)).join(', '));
    ts.forEachChild(node, visit);
  };
  visit(tree);
  const [only] = ports;
  if (ports.length !== 1 || only === undefined || !/^\d+$/.test(only))
    throw new RangeError(
      `${file}: expected one baseServiceFields(<port number>) call, found ${ports.length === 0 ? 'none' : ports.map((p) => `baseServiceFields(${p})`).join(', ')}`,
    );
  return Number(only);
}

/** The default HTTP port of a service, from its config file in this repository. */
export const defaultHttpPort = (service: string): number =>
  defaultHttpPortIn(readFileSync(join(ROOT, configFile(service)), 'utf8'), configFile(service));
