import { SERVICE_IDS } from '@rtml/contracts';
import { defaultHttpPort, defaultHttpPortIn } from './service-port.reader';

describe('defaultHttpPortIn', () => {
  it('reads the port literal given to baseServiceFields', () => {
    const source =
      'export const schema = z.object({ ...baseServiceFields(3003), ...kafkaFields });';
    expect(defaultHttpPortIn(source, 'x.config.ts')).toBe(3003);
  });

  it('refuses a config whose port it cannot read, naming the file', () => {
    expect(() =>
      defaultHttpPortIn('z.object({ ...baseServiceFields(PORT) })', 'a.config.ts'),
    ).toThrow(
      'a.config.ts: expected one baseServiceFields(<port number>) call, found baseServiceFields(PORT)',
    );
    expect(() => defaultHttpPortIn('z.object({})', 'b.config.ts')).toThrow('found none');
  });
});

describe('defaultHttpPort', () => {
  it('finds a distinct port in every service config', () => {
    const ports = SERVICE_IDS.map(defaultHttpPort);
    expect(new Set(ports).size).toBe(SERVICE_IDS.length);
    for (const port of ports) expect(port).toBeGreaterThan(1024);
  });
});
