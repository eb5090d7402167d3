import { platformaticProducer, toMessage } from './platformatic-producer';
import type { PlatformaticPublisherOptions } from './platformatic-producer';
import { DurableRecordPublisher } from './record-publisher';
import type { ProducerLink } from './record-publisher';

/**
 * The publisher on @platformatic/kafka: on `npm run bench:kafka-clients` its producer takes a
 * third of KafkaJS's CPU per record at the pipeline's record sizes (docs/benchmarks.md). Same
 * settings as the KafkaJS one (`platformaticProducer`).
 */
export class PlatformaticRecordPublisher extends DurableRecordPublisher {
  constructor(options: PlatformaticPublisherOptions) {
    super(() => publisherLink(options));
  }
}

function publisherLink(options: PlatformaticPublisherOptions): ProducerLink {
  const producer = platformaticProducer(options);
  return {
    // Learns the brokers and takes a producer id, as KafkaJS's idempotent producer does at connect.
    connect: async () => {
      await producer.initIdempotentProducer({});
    },
    send: async (records) => {
      await producer.send({ messages: records.map(toMessage) });
    },
    disconnect: () => producer.close(),
  };
}
