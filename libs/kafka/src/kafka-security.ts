import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/**
 * How a client proves itself to the brokers and checks them: TLS (`SSL` / `SASL_SSL` listeners)
 * and SASL credentials. Absent fields mean a plaintext, unauthenticated connection.
 */
export interface KafkaSecurity {
  /** TLS with PEM contents; an empty object trusts the system CAs and sends no client cert. */
  readonly tls?: { readonly ca?: string; readonly cert?: string; readonly key?: string };
  readonly sasl?: {
    readonly mechanism: SaslMechanism;
    readonly username: string;
    readonly password: string;
  };
}

/** HTTP basic credentials for a schema registry that requires them. */
export interface RegistryAuth {
  readonly username: string;
  readonly password: string;
}

/** The KafkaJS `ssl` and `sasl` settings of a `KafkaSecurity`. */
export function kafkaJsSecurity(security: KafkaSecurity = {}): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const settings: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  const { tls, sasl } = security;
  if (tls !== undefined) {
    const pem: ConnectionOptions = {
      ...(tls.ca !== undefined && { ca: tls.ca }),
      ...(tls.cert !== undefined && { cert: tls.cert }),
      ...(tls.key !== undefined && { key: tls.key }),
    };
    settings.ssl = Object.keys(pem).length > 0 ? pem : true;
  }
  if (sasl !== undefined) settings.sasl = saslOptions(sasl);
  return settings;
}

/** KafkaJS types each mechanism as its own variant, so the union is rebuilt per mechanism. */
function saslOptions({
  mechanism,
  username,
  password,
}: NonNullable<KafkaSecurity['sasl']>): SASLOptions {
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}

/** The `tls` and `sasl` settings of a `KafkaSecurity`, for @platformatic/kafka's clients. */
export function platformaticSecurity(security: KafkaSecurity = {}): {
  tls?: ConnectionOptions;
  sasl?: {
    mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
    username: string;
    password: string;
  };
} {
  const { tls, sasl } = security;
  return {
    ...(tls !== undefined && {
      tls: {
        ...(tls.ca !== undefined && { ca: tls.ca }),
        ...(tls.cert !== undefined && { cert: tls.cert }),
        ...(tls.key !== undefined && { key: tls.key }),
      },
    }),
    ...(sasl !== undefined && {
      sasl: {
        mechanism: PLATFORMATIC_MECHANISMS[sasl.mechanism],
        username: sasl.username,
        password: sasl.password,
      },
    }),
  };
}

const PLATFORMATIC_MECHANISMS = {
  plain: 'PLAIN',
  'scram-sha-256': 'SCRAM-SHA-256',
  'scram-sha-512': 'SCRAM-SHA-512',
} as const satisfies Record<SaslMechanism, string>;
