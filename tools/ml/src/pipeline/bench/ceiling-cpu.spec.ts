import { ceilingCpu, sumOfParts } from './ceiling-cpu';
describe('ceilingCpu', () => {
  it('divides the client’s and the server’s CPU over the timed part by the units', () => {
    const result = { events: 50_000, seconds: 1, eventsPerSecond: 50_000 };

    expect(ceilingCpu({ ...result, clientCpuUs: 1_000_000, serverCpuUs: 750_000 })).toEqual({
      client: 20,
      servers: 15,
      total: 35,
    });
  });
});

describe('sumOfParts', () => {
  it('counts four Kafka hops and one of every other ceiling per transaction', () => {
    const part = (total: number) => ({ client: total, servers: 0, total });

    expect(
      sumOfParts({
        kafka: part(20),
        redis_script: part(30),
        onnx: part(5),
        dynamodb_batch_write: part(400),
      }),
    ).toBe(4 * 20 + 30 + 5 + 400);
  });
});
