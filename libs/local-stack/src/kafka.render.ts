import { KAFKA_SCRAM_USER, KAFKA_SECURE_LISTENER, STACK_HOST, STACK_PORTS } from './stack.config';

/** The TCP ports of one broker's listeners, all on STACK_HOST. */
export interface KafkaListenerPorts {
  readonly plain: number;
  readonly controller: number;
  /** The SASL_SSL listener; absent: the broker has none (and needs no key store). */
  readonly secure?: number;
}

/** The stack's broker: 9092, controller 9093, SASL_SSL 9094. */
export const STACK_KAFKA_LISTENERS: KafkaListenerPorts = Object.freeze({
  plain: STACK_PORTS.kafka,
  controller: STACK_PORTS.kafkaController,
  secure: STACK_PORTS.kafkaSecure,
});

export interface KafkaRenderInput {
  /** Where the broker keeps its partitions and KRaft metadata. */
  readonly logDir: string;
  /** The stack log file log4j2 appends to. */
  readonly logFile: string;
  /** The secure listener's PKCS12 key store; required when the listeners include `secure`. */
  readonly keystoreFile?: string;
  /**
   * Default STACK_KAFKA_LISTENERS. Other ports serve a second broker from the same jars beside
   * the stack's (a tool that must crash a broker for real, see scratch-server.plans.ts).
   */
  readonly listeners?: KafkaListenerPorts;
}

/**
 * One combined broker+controller in KRaft mode with a static single-voter quorum, so the storage
 * is formatted with a plain `format -t <cluster id>` (no --standalone, no dynamic quorum).
 * Replication factors are 1: there is one broker. Topics are never auto-created: the contracts
 * library creates them with their partition counts. Besides PLAINTEXT, a SASL_SSL listener (see
 * `KAFKA_SECURE_LISTENER`: PLAIN, and SCRAM-SHA-256/512 for `KAFKA_SCRAM_USER`) serves the tests
 * of secured clients.
 */
export function renderKafkaProperties(input: KafkaRenderInput): string {
  const ports = input.listeners ?? STACK_KAFKA_LISTENERS;
  const plain = `PLAINTEXT://${STACK_HOST}:${ports.plain}`;
  const controller = `CONTROLLER://${STACK_HOST}:${ports.controller}`;
  const secure =
    ports.secure === undefined ? undefined : `SASL_SSL://${STACK_HOST}:${ports.secure}`;
  const keystore = input.keystoreFile;
  if (secure !== undefined && keystore === undefined)
    throw new Error('a SASL_SSL listener needs a key store file');
  const protocols = ['CONTROLLER:PLAINTEXT', 'PLAINTEXT:PLAINTEXT'];
  const settings: Array<[string, string | number | boolean]> = [
    ['process.roles', 'broker,controller'],
    ['node.id', 1],
    ['controller.quorum.voters', `1@${STACK_HOST}:${ports.controller}`],
    ['listeners', [plain, controller, secure].filter(Boolean).join(',')],
    ['advertised.listeners', [plain, secure].filter(Boolean).join(',')],
    ['controller.listener.names', 'CONTROLLER'],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    [
      'listener.security.protocol.map',
      [...protocols, ...(secure === undefined ? [] : ['SASL_SSL:SASL_SSL'])].join(','),
    ],
    ...(secure === undefined || keystore === undefined ? [] : secureListenerSettings(keystore)),
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
  // SCRAM users live in the cluster metadata, not here (KAFKA_SCRAM_USER); the broker's own
  // login module needs no credentials because inter-broker traffic stays on PLAINTEXT.
  const scram = KAFKA_SCRAM_USER.mechanisms.map((mechanism): [string, string] => [
    `${prefix}.${mechanism.toLowerCase()}.sasl.jaas.config`,
    'org.apache.kafka.common.security.scram.ScramLoginModule required;',
  ]);
  return [
    ['sasl.enabled.mechanisms', ['PLAIN', ...KAFKA_SCRAM_USER.mechanisms].join(',')],
    [
      `${prefix}.plain.sasl.jaas.config`,
      'org.apache.kafka.common.security.plain.PlainLoginModule required ' +
        `username="${username}" password="${password}" user_${username}="${password}";`,
    ],
    ...scram,
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
