import * as net from 'node:net';
import { STACK_HOST } from './stack.config';

/** True when something accepts TCP connections on STACK_HOST:port. */
export function isPortListening(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: STACK_HOST, port });
    const finish = (listening: boolean): void => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** The subset of `ports` that currently listen. */
export async function listeningPorts(ports: readonly number[]): Promise<number[]> {
  const checks = await Promise.all(
    ports.map(async (port) => ({ port, listening: await isPortListening(port) })),
  );
  return checks.filter((check) => check.listening).map((check) => check.port);
}
