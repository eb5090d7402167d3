import { newClusterId, renderKafkaLog4j2, renderKafkaProperties } from './kafka.render';

const input = {
  logDir: '/repo/.stack/data/kafka/kraft',
  logFile: '/repo/.stack/logs/kafka.log',
  keystoreFile: '/repo/.stack/conf/kafka/broker.p12',
};

const parse = (text: string): Map<string, string> =>
  new Map(
    text
      .split('\n')
      .filter((line) => line.includes('=') && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

describe('renderKafkaProperties', () => {
  const props = parse(renderKafkaProperties(input));

  it('runs one combined broker and controller with a static single-voter quorum on loopback', () => {
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('controller.quorum.voters')).toBe('1@127.0.0.1:9093');
    expect(props.get('listeners')).toBe(
      'PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093,SASL_SSL://127.0.0.1:9094',
    );
    expect(props.get('advertised.listeners')).toBe(
      'PLAINTEXT://127.0.0.1:9092,SASL_SSL://127.0.0.1:9094',
    );
  });

  it('serves SASL PLAIN and SCRAM over TLS on the secure listener, with the key store it is given', () => {
    expect(props.get('listener.security.protocol.map')).toContain('SASL_SSL:SASL_SSL');
    expect(props.get('sasl.enabled.mechanisms')).toBe('PLAIN,SCRAM-SHA-256,SCRAM-SHA-512');
    expect(props.get('listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config')).toBe(
      'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    );
    expect(props.get('listener.name.sasl_ssl.plain.sasl.jaas.config')).toMatch(
      /^org\.apache\.kafka\.common\.security\.plain\.PlainLoginModule required username="rtml" password="[^"]+" user_rtml="[^"]+";$/,
    );
    expect(props.get('listener.name.sasl_ssl.ssl.keystore.location')).toBe(input.keystoreFile);
    expect(props.get('listener.name.sasl_ssl.ssl.keystore.type')).toBe('PKCS12');
  });

  it('uses single-replica internal topics, no rebalance delay and no topic auto-creation', () => {
    expect(props.get('offsets.topic.replication.factor')).toBe('1');
    expect(props.get('transaction.state.log.replication.factor')).toBe('1');
    expect(props.get('transaction.state.log.min.isr')).toBe('1');
    expect(props.get('group.initial.rebalance.delay.ms')).toBe('0');
    expect(props.get('auto.create.topics.enable')).toBe('false');
    expect(props.get('num.partitions')).toBe('6');
  });

  it('keeps partitions in the given log dir', () => {
    expect(props.get('log.dirs')).toBe(input.logDir);
  });

  it('serves a scratch broker on other ports, without the secure listener when it has no port', () => {
    const scratch = parse(
      renderKafkaProperties({
        logDir: '/repo/.stack/chaos/x/data/kraft',
        logFile: '/repo/.stack/chaos/x/kafka.log',
        listeners: { plain: 41001, controller: 41002 },
      }),
    );
    expect(scratch.get('listeners')).toBe(
      'PLAINTEXT://127.0.0.1:41001,CONTROLLER://127.0.0.1:41002',
    );
    expect(scratch.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:41001');
    expect(scratch.get('controller.quorum.voters')).toBe('1@127.0.0.1:41002');
    expect(scratch.get('listener.security.protocol.map')).toBe(
      'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    );
    expect([...scratch.keys()].some((key) => key.includes('sasl'))).toBe(false);
    expect(scratch.get('transaction.state.log.replication.factor')).toBe('1');
  });

  it('refuses a secure listener without a key store', () => {
    expect(() =>
      renderKafkaProperties({
        logDir: '/d',
        logFile: '/l',
        listeners: { plain: 1, controller: 2, secure: 3 },
      }),
    ).toThrow('key store');
  });
});

describe('renderKafkaLog4j2', () => {
  it('appends to the stack log file', () => {
    expect(renderKafkaLog4j2(input)).toContain(
      'fileName="/repo/.stack/logs/kafka.log" append="true"',
    );
  });

  it('escapes XML special characters in the path', () => {
    expect(renderKafkaLog4j2({ ...input, logFile: '/a&b/<x>.log' })).toContain(
      'fileName="/a&amp;b/&lt;x&gt;.log"',
    );
  });
});

describe('newClusterId', () => {
  it('encodes 16 bytes as 22 URL-safe base64 characters', () => {
    expect(newClusterId(() => new Uint8Array(16).fill(7))).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('never starts with a dash, which a command line would read as an option', () => {
    const draws = [new Uint8Array(16).fill(0xf8), new Uint8Array(16).fill(1)];
    const id = newClusterId(() => draws.shift() ?? new Uint8Array(16));
    expect(id.startsWith('-')).toBe(false);
    expect(draws).toHaveLength(0);
  });
});
