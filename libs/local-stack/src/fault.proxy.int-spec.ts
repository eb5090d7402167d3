import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { FaultProxy } from './fault.proxy';

/** A loopback echo server: the "shared server" behind the proxy. */
async function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return { server, port: address.port };
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The first bytes that come back within `ms`, or undefined. */
function reply(socket: Socket, ms: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    socket.once('data', (data: Buffer) => {
      clearTimeout(timer);
      resolve(data.toString('utf8'));
    });
  });
}

describe('FaultProxy in front of a real TCP server', () => {
  let echo: { server: Server; port: number };
  let proxy: FaultProxy;
  const sockets: Socket[] = [];
  const client = async () => {
    const socket = await open(proxy.port);
    socket.on('error', () => undefined);
    sockets.push(socket);
    return socket;
  };

  beforeEach(async () => {
    echo = await echoServer();
    proxy = await FaultProxy.start({ host: '127.0.0.1', port: echo.port }, { name: 'echo' });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await proxy.stop();
    await new Promise<void>((resolve) => echo.server.close(() => resolve()));
  });

  it('passes bytes both ways', async () => {
    const socket = await client();
    socket.write('ping');
    expect(await reply(socket, 2_000)).toBe('ping');
  });

  it('refuses new connections and resets open ones, then listens again on the same port', async () => {
    const before = await client();
    const reset = new Promise((resolve) => before.once('close', resolve));
    const port = proxy.port;
    await proxy.setMode('refuse');
    await reset;
    await expect(open(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.setMode('pass');
    expect(proxy.port).toBe(port);
    const after = await client();
    after.write('back');
    expect(await reply(after, 2_000)).toBe('back');
  });

  it('holds every byte in a blackhole, on open and new connections, and delivers them on release', async () => {
    const held = await client();
    await proxy.setMode('blackhole');
    held.write('one');
    const late = await client();
    late.write('two');
    expect(await reply(held, 300)).toBeUndefined();
    expect(await reply(late, 300)).toBeUndefined();
    const answers = Promise.all([reply(held, 2_000), reply(late, 2_000)]);
    await proxy.setMode('pass');
    expect(await answers).toEqual(['one', 'two']);
  });
});
