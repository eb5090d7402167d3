import {
  ConditionalCheckFailedException,
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { NoSuchKey, S3ServiceException } from '@aws-sdk/client-s3';
import { ConfluentSchemaRegistryArgumentError } from '@kafkajs/confluent-schema-registry/dist/errors';
import errorMiddleware from '@kafkajs/confluent-schema-registry/dist/api/middleware/errorMiddleware';
import { ReplyError } from 'ioredis';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors';
import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import MethodDescriptor from 'mappersmith/method-descriptor';
import { Request } from 'mappersmith/request';
import Response from 'mappersmith/response';
import { AppError, toAppError } from './app.error';
import { dependencyFailureOf } from './dependency-failure.policy';

// Every error below is built the way its library builds it (the source is named with each), so
// the policy is tested on the shapes that reach our code, not on shapes we imagine.

/** Node's uvExceptionWithHostPort: what `net.connect` emits for a refused or timed-out socket. */
const socketError = (code: string, syscall = 'connect') =>
  Object.assign(new Error(`${syscall} ${code} 127.0.0.1:8081`), {
    errno: -111,
    code,
    syscall,
    address: '127.0.0.1',
    port: 8081,
  });

/** undici's fetch: a TypeError('fetch failed') whose cause is the socket's error. */
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

/** Node's happy-eyeballs connect (autoSelectFamily): an AggregateError of each address's error. */
const allAddressesRefused = () =>
  Object.assign(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]), {
    code: 'ECONNREFUSED',
  });

const registryRequest = () =>
  new Request(
    new MethodDescriptor({ method: 'get', host: 'http://127.0.0.1:8081', path: '/schemas/ids/7' }),
  );

/**
 * What @kafkajs/confluent-schema-registry throws: its error middleware wraps the mappersmith
 * Response it is rejected with. mappersmith's gateway builds a client-side failure as
 * `new Response(request, 400, error.message, {}, [error])` (Gateway.dispatchClientError).
 */
async function registryError(response: Response): Promise<unknown> {
  const middleware = errorMiddleware({
    clientId: 'Confluent_Schema_Registry',
    context: {},
    resourceName: 'Schema',
    resourceMethod: 'find',
  });
  return middleware.response!(
    () => Promise.reject(response),
    () => Promise.reject(),
    registryRequest(),
  ).then(
    () => undefined,
    (error: unknown) => error,
  );
}

const clientFailure = (error: Error) =>
  registryError(new Response(registryRequest(), 400, error.message, {}, [error]));

const registryAnswer = (status: number, body: object) =>
  registryError(
    new Response(registryRequest(), status, JSON.stringify(body), {
      'content-type': 'application/vnd.schemaregistry.v1+json',
    }),
  );

/** mappersmith's createTimeoutError, dispatched on the request's `timeout` event. */
const mappersmithTimeout = () =>
  Object.assign(new Error('Timeout (1000ms)'), { name: 'TimeoutError' });

/** @smithy/node-http-handler's socket timeout and request timeout errors. */
const smithySocketTimeout = () =>
  Object.assign(
    new Error(
      '@smithy/node-http-handler - the request socket timed out after 5000 ms of inactivity (configured by client requestHandler).',
    ),
    { name: 'TimeoutError' },
  );

const metadata = (httpStatusCode: number) => ({
  httpStatusCode,
  attempts: 3,
  totalRetryDelay: 120,
});

describe('dependencyFailureOf', () => {
  it.each([
    ['a refused socket', () => socketError('ECONNREFUSED'), 'ECONNREFUSED'],
    ['a reset socket', () => socketError('ECONNRESET', 'read'), 'ECONNRESET'],
    ['an unknown host', () => socketError('ENOTFOUND', 'getaddrinfo'), 'ENOTFOUND'],
    ['fetch failing to connect', () => fetchFailed(socketError('ECONNREFUSED')), 'ECONNREFUSED'],
    ['every address refused', allAddressesRefused, 'ECONNREFUSED'],
    [
      'AbortSignal.timeout firing',
      () => new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      'TimeoutError',
    ],
    ['an SDK socket timeout', smithySocketTimeout, 'TimeoutError'],
    [
      'DynamoDB throttling',
      () =>
        new ProvisionedThroughputExceededException({
          message: 'The level of configured provisioned throughput for the table was exceeded.',
          $metadata: metadata(400),
        }),
      'ProvisionedThroughputExceededException',
    ],
    [
      'a DynamoDB internal error',
      () => new InternalServerError({ message: 'Internal server error', $metadata: metadata(500) }),
      'HTTP 500',
    ],
    [
      'DynamoDB refusing expired credentials',
      () =>
        new DynamoDBServiceException({
          name: 'ExpiredTokenException',
          $fault: 'client',
          message: 'The security token included in the request is expired',
          $metadata: metadata(400),
        }),
      'ExpiredTokenException',
    ],
    [
      'S3 slowing us down',
      () =>
        new S3ServiceException({
          name: 'SlowDown',
          $fault: 'server',
          message: 'Please reduce your request rate.',
          $metadata: metadata(503),
        }),
      'SlowDown',
    ],
    [
      'S3 answering 502 through a proxy',
      () =>
        new S3ServiceException({
          name: 'Unknown',
          $fault: 'server',
          message: 'Bad Gateway',
          $metadata: metadata(502),
        }),
      'HTTP 502',
    ],
    ['ioredis giving up', () => new MaxRetriesPerRequestError(3), 'MaxRetriesPerRequestError'],
    ['an ioredis command timeout', () => new Error('Command timed out'), 'Command timed out'],
    [
      'a closed ioredis connection',
      () => new Error('Connection is closed.'),
      'Connection is closed.',
    ],
    [
      'Redis still loading its dataset',
      () => new ReplyError('LOADING Redis is loading the dataset in memory'),
      'redis LOADING',
    ],
    [
      'KafkaJS out of retries on a broker connection',
      () =>
        new KafkaJSNumberOfRetriesExceeded(
          new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092'),
          { retryCount: 5, retryTime: 3000 },
        ),
      'KafkaJSConnectionError',
    ],
    [
      'a retriable AppError deep in a chain',
      () =>
        new Error('handler failed', {
          cause: new AppError('DEPENDENCY_UNAVAILABLE', 'redis is unavailable'),
        }),
      'DEPENDENCY_UNAVAILABLE',
    ],
  ])('recognises %s', (_what, build, reason) => {
    expect(dependencyFailureOf(build())).toBe(reason);
  });

  it('sees through the registry client masking a refused connection as a 400', async () => {
    const masked = await registryError(
      new Response(registryRequest(), 400, 'connect ECONNREFUSED 127.0.0.1:8081', {}, [
        socketError('ECONNREFUSED'),
      ]),
    );

    expect(masked).toMatchObject({ name: 'ResponseError', status: 400 });
    expect(dependencyFailureOf(masked)).toBe(
      'Confluent_Schema_Registry - Error, status 400: connect ECONNREFUSED 127.0.0.1:8081',
    );
  });

  it.each([
    ['its own timeout', mappersmithTimeout],
    ['a socket hang up', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('sees through the registry client masking %s as a 400', async (_what, build) => {
    const masked = await clientFailure(build());

    expect(dependencyFailureOf(masked)).toBeDefined();
  });

  it('sees through the AWS SDK wrapping a socket error of another realm', () => {
    // @smithy/core retry's asSdkError, for a thrown value that fails `instanceof Error`.
    const wrapped = new Error(`AWS SDK error wrapper for ${socketError('ECONNREFUSED')}`);

    expect(dependencyFailureOf(wrapped)).toBe(wrapped.message);
  });

  it.each([
    [503, 'HTTP 503'],
    [429, 'HTTP 429'],
    [401, 'HTTP 401'],
  ])('reads a registry answering %i as the registry failing', async (status, reason) => {
    const answered = await registryAnswer(status, { error_code: status * 100, message: 'no' });

    expect(dependencyFailureOf(answered)).toBe(reason);
  });

  it.each([
    [
      'a registry answering 404 for a schema id',
      () =>
        registryAnswer(404, { message: "No content with ID '7' was found.", error_code: 40403 }),
    ],
    [
      'a registry refusing a request with its own 400',
      () =>
        registryAnswer(400, {
          message: 'Either the input schema or one of its references is invalid',
          error_code: 400,
        }),
    ],
    [
      'bytes without the Confluent magic byte',
      async () =>
        new ConfluentSchemaRegistryArgumentError(
          'Message encoded with magic byte {"type":"Buffer","data":[123]}, expected {"type":"Buffer","data":[0]}',
        ),
    ],
    ['an Avro body cut short (avsc)', async () => new Error('truncated buffer')],
    [
      'a missing S3 object',
      async () =>
        new NoSuchKey({ message: 'The specified key does not exist.', $metadata: metadata(404) }),
    ],
    [
      'a DynamoDB request it refuses',
      async () =>
        new DynamoDBServiceException({
          name: 'ValidationException',
          $fault: 'client',
          message:
            'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
          $metadata: metadata(400),
        }),
    ],
    [
      'a failed DynamoDB condition',
      async () =>
        new ConditionalCheckFailedException({
          message: 'The conditional request failed',
          $metadata: metadata(400),
        }),
    ],
    [
      'a missing DynamoDB table',
      async () =>
        new ResourceNotFoundException({
          message: 'Requested resource not found',
          $metadata: metadata(400),
        }),
    ],
    [
      'a record the broker refuses for its size',
      async () =>
        // kafkajs/src/protocol/error.js: the protocol error entry is the constructor's argument
        // (its typings only admit Error | string).
        new KafkaJSProtocolError({
          name: 'KafkaJSProtocolError',
          message:
            'The request included a message larger than the max message size the server will accept',
          type: 'MESSAGE_TOO_LARGE',
          code: 10,
          retriable: false,
        } as Error),
    ],
    [
      'a Lua script error',
      async () =>
        new ReplyError('ERR user_script:1: Script attempted to access nonexistent global variable'),
    ],
    [
      'a plain bug',
      async () => new TypeError("Cannot read properties of undefined (reading 'id')"),
    ],
    ['a thrown string', async () => 'boom'],
  ])('finds no dependency failure in %s', async (_what, build) => {
    expect(dependencyFailureOf(await build())).toBeUndefined();
  });

  it('stops at a cause cycle', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    Object.assign(first, { cause: second });

    expect(dependencyFailureOf(first)).toBeUndefined();
  });
});

describe('toAppError', () => {
  it('makes a dependency failure a retriable DEPENDENCY_UNAVAILABLE', () => {
    const error = toAppError(fetchFailed(socketError('ECONNREFUSED')));

    expect([error.code, error.retriable]).toEqual(['DEPENDENCY_UNAVAILABLE', true]);
    expect(error.details).toEqual({ dependencyFailure: 'ECONNREFUSED' });
  });

  it('overrules a non-retriable AppError whose cause is a dependency failure', async () => {
    const masked = await clientFailure(socketError('ECONNREFUSED'));
    const misread = new AppError('UNDECODABLE', 'value is not Avro', { cause: masked });

    const error = toAppError(misread);

    expect([error.code, error.retriable, error.cause]).toEqual([
      'DEPENDENCY_UNAVAILABLE',
      true,
      misread,
    ]);
  });

  it('keeps the verdict of a non-retriable AppError with no dependency failure in its chain', () => {
    const poison = new AppError('UNDECODABLE', 'truncated', {
      cause: new Error('truncated buffer'),
    });

    expect(toAppError(poison)).toBe(poison);
  });
});
