import { KAFKA_SECURE_LISTENER, STACK_HOST, STACK_PORTS } from './stack.config';

export interface KafkaRenderInput {
  /** Where the broker keeps its partitions and KRaft metadata. */
  readonly logDir: string;
  /** The stack log file log4j2 appends to. */
  readonly logFile: string;
  /** The secure listener's PKCS12 key store. */
  readonly keystoreFile: string;
}

/**
 * One combined broker+controller in KRaft mode with a static single-voter quorum, so the storage
 * is formatted with a plain `format -t <cluster id>` (no --standalone, no dynamic quorum).
 * Replication factors are 1: there is one broker. Topics are never auto-created: the contracts
 * library creates them with their partition counts. Besides PLAINTEXT, a SASL_SSL listener (see
 * `KAFKA_SECURE_LISTENER`) serves the tests of secured clients.
 */
export function renderKafkaProperties(input: KafkaRenderInput): string {
  const plain = `PLAINTEXT://${STACK_HOST}:${STACK_PORTS.kafka}`;
  const secure = `SASL_SSL://${STACK_HOST}:${STACK_PORTS.kafkaSecure}`;
  const settings: Array<[string, string | number | boolean]> = [
    ['process.roles', 'broker,controller'],
    ['node.id', 1],
    ['controller.quorum.voters', `1@${STACK_HOST}:${STACK_PORTS.kafkaController}`],
    ['listeners', `${plain},CONTROLLER://${STACK_HOST}:${STACK_PORTS.kafkaController},${secure}`],
    ['advertised.listeners', `${plain},${secure}`],
    ['controller.listener.names', 'CONTROLLER'],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    [
      'listener.security.protocol.map',
      'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL',
    ],
    ...secureListenerSettings(input.keystoreFile),
    ['log.dirs', input.logDir],
    ['num.partitions', 6],
    ['default.replication.factor', 1],
    ['min.insync.replicas', 1],
    ['offsets.topic.replication.factor', 1],
    ['transaction.state.log.replication.factor', 1],
    ['transaction.state.log.min.isr', 1],
    ['share.coordinator.state.topic.replication.factor', 1],
    ['share.coordinator.state.topic.min.isr', 1],
    ['group.initial.rebalance.delay.ms', 0],
    ['auto.create.topics.enable', false],
  ];
  const header =
    '# Rendered by libs/local-stack on every start: edit stack.config.ts / kafka.render.ts instead.';
  return [header, ...settings.map(([key, value]) => `${key}=${String(value)}`), ''].join('\n');
}

function secureListenerSettings(keystoreFile: string): Array<[string, string]> {
  const { username, password, keystorePassword } = KAFKA_SECURE_LISTENER;
  const prefix = 'listener.name.sasl_ssl';
  return [
    ['sasl.enabled.mechanisms', 'PLAIN'],
    [
      `${prefix}.plain.sasl.jaas.config`,
      'org.apache.kafka.common.security.plain.PlainLoginModule required ' +
        `username="${username}" password="${password}" user_${username}="${password}";`,
    ],
    [`${prefix}.ssl.keystore.type`, 'PKCS12'],
    [`${prefix}.ssl.keystore.location`, keystoreFile],
    [`${prefix}.ssl.keystore.password`, keystorePassword],
    [`${prefix}.ssl.key.password`, keystorePassword],
  ];
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** log4j2: everything at INFO into the stack log file; the chattiest request loggers at WARN. */
export function renderKafkaLog4j2(input: KafkaRenderInput): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="warn">
  <Appenders>
    <File name="stack" fileName="${escapeXml(input.logFile)}" append="true" immediateFlush="true">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </File>
  </Appenders>
  <Loggers>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="state.change.logger" level="WARN"/>
    <Logger name="org.apache.kafka.clients" level="WARN"/>
    <Root level="INFO"><AppenderRef ref="stack"/></Root>
  </Loggers>
</Configuration>
`;
}

/**
 * A Kafka cluster id: 16 random bytes, URL-safe base64 without padding (Kafka's Uuid format).
 * Like Kafka's own generator it never starts with '-', which a CLI would read as an option.
 */
export function newClusterId(randomBytes: (size: number) => Uint8Array): string {
  for (;;) {
    const id = Buffer.from(randomBytes(16)).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
