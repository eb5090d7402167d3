import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DynamoDbItemWritesProtocol } from './dynamodb-item-writes.protocol';

// What each client puts on the wire, read where the SDK hands the signed request to its HTTP
// handler; nothing is sent. DynamoDB Local answers these writes in the actions int specs.

interface Sent {
  /** A string from JSON.stringify; bytes from the SDK's serializer. */
  readonly written: 'natively' | 'by the SDK';
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** The SDK's serializer hands over bytes; this protocol, a string. */
const textOf = (body: unknown): string =>
  typeof body === 'string' ? body : Buffer.from(body as Uint8Array).toString('utf8');

function capturingClient(protocol?: typeof DynamoDbItemWritesProtocol) {
  const sent: Sent[] = [];
  const requestHandler = {
    handle: async (request: { body?: unknown; headers: Record<string, string> }) => {
      sent.push({
        written: typeof request.body === 'string' ? 'natively' : 'by the SDK',
        body: textOf(request.body),
        headers: { ...request.headers },
      });
      return {
        response: {
          statusCode: 200,
          headers: { 'content-type': 'application/x-amz-json-1.0' },
          body: Readable.from([Buffer.from('{}')]),
        },
      };
    },
  };
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
    requestHandler: requestHandler as never,
    ...(protocol && { protocol }),
  });
  return { client, sent };
}

/** The request each client makes of `command`: the SDK's own, then this protocol's. */
async function bothWays(
  command: () => BatchWriteItemCommand | PutItemCommand | UpdateItemCommand | GetItemCommand,
): Promise<[Sent, Sent]> {
  const sdk = capturingClient();
  const native = capturingClient(DynamoDbItemWritesProtocol);
  await sdk.client.send(command() as BatchWriteItemCommand);
  await native.client.send(command() as BatchWriteItemCommand);
  return [sdk.sent[0] as Sent, native.sent[0] as Sent];
}

/**
 * The request as DynamoDB reads it: the body's JSON (members in any order), the headers but
 * those that differ on every send or follow the body's bytes, which must then be its own.
 */
const asRead = ({ headers, body }: Sent) => {
  const {
    'x-amz-date': _date,
    authorization: _auth,
    'amz-sdk-invocation-id': _id,
    'x-amz-content-sha256': bodySha256,
    ...rest
  } = headers;
  expect(bodySha256).toBe(createHash('sha256').update(body).digest('hex'));
  return { body: JSON.parse(body) as unknown, headers: rest };
};

const scoreItem = (i: number) =>
  marshall(
    {
      eventId: `e-${i}`,
      entityId: 'customer-7',
      eventTime: 1_700_000_000_000 + i,
      score: 0.8125,
      decision: 'ALERT',
      featureValues: [0, 1.5e-7, 2 ** 53 + 2, -3.25, 1 / 3],
      shadow: { modelVersion: '2', score: 0.25 },
      flagged: true,
      nothing: null,
      tags: new Set(['a', 'b']),
    },
    { allowImpreciseNumbers: true },
  );

describe('DynamoDbItemWritesProtocol', () => {
  it('writes a BatchWriteItem of items as their JSON, the JSON and headers the SDK would send', async () => {
    const input = {
      RequestItems: {
        scores: [
          ...[1, 2, 3].map((i) => ({ PutRequest: { Item: scoreItem(i) } })),
          { DeleteRequest: { Key: marshall({ eventId: 'e-0' }) } },
        ],
      },
    };

    const [sdk, native] = await bothWays(() => new BatchWriteItemCommand(input));

    expect(sdk.written).toBe('by the SDK');
    expect(native.written).toBe('natively');
    expect(native.body).toBe(JSON.stringify(input));
    expect(asRead(native)).toEqual(asRead(sdk));
    expect(native.headers['x-amz-target']).toBe('DynamoDB_20120810.BatchWriteItem');
  });

  it('writes conditional puts and updates as the SDK would', async () => {
    const put = {
      TableName: 'alerts',
      Item: marshall({ pk: 'cooldown#customer-7', until: 1_700_000_060_000 }),
      ConditionExpression: 'attribute_not_exists(pk) OR #until < :now',
      ExpressionAttributeNames: { '#until': 'until' },
      ExpressionAttributeValues: marshall({ ':now': 1_700_000_000_000 }),
    };
    const update = {
      TableName: 'clock',
      Key: marshall({ pk: 'clock' }),
      UpdateExpression: 'SET #t = :t',
      ConditionExpression: 'attribute_not_exists(#t) OR #t < :t',
      ExpressionAttributeNames: { '#t': 'eventTime' },
      ExpressionAttributeValues: marshall({ ':t': 1_700_000_000_000 }),
      ReturnValues: 'NONE' as const,
    };

    for (const command of [() => new PutItemCommand(put), () => new UpdateItemCommand(update)]) {
      const [sdk, native] = await bothWays(command);
      expect(native.written).toBe('natively');
      expect(asRead(native)).toEqual(asRead(sdk));
    }
  });

  it('leaves to the SDK what it writes differently: binary values and nulls', async () => {
    const binary = {
      RequestItems: {
        blobs: [{ PutRequest: { Item: { id: { S: 'b' }, data: { B: Buffer.from('bytes') } } } }],
      },
    };
    const withNull = {
      TableName: 'scores',
      Item: { id: { S: 'n' } },
      ConditionExpression: null as unknown as string,
    };

    const [sdkBinary, nativeBinary] = await bothWays(() => new BatchWriteItemCommand(binary));
    const [sdkNull, nativeNull] = await bothWays(() => new PutItemCommand(withNull));

    expect([nativeBinary.written, nativeNull.written]).toEqual(['by the SDK', 'by the SDK']);
    expect(nativeBinary.body).toBe(sdkBinary.body);
    expect(nativeBinary.body).toContain('"B":"Ynl0ZXM="');
    expect(nativeNull.body).toBe(sdkNull.body);
    expect(nativeNull.body).not.toContain('null');
  });

  it('leaves every other operation to the SDK', async () => {
    const get = { TableName: 'scores', Key: marshall({ eventId: 'e-1' }), ConsistentRead: true };

    const [sdk, native] = await bothWays(() => new GetItemCommand(get));

    expect(native.written).toBe('by the SDK');
    expect(native.body).toBe(sdk.body);
  });
});
