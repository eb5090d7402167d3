import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now, chosen by the OS (libs/testing's twin is test-only). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('the OS assigned no port')),
      );
    });
  });
}
