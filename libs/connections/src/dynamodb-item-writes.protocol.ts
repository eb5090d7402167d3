import { AwsJson1_0Protocol } from '@aws-sdk/core/protocols';

type SerializeRequest = AwsJson1_0Protocol['serializeRequest'];

/** The operations whose input is items and expressions only: no timestamps, no streams. */
const ITEM_WRITES: ReadonlySet<string> = new Set([
  'BatchWriteItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'TransactWriteItems',
]);

/**
 * DynamoDB's own protocol (AWS JSON 1.0), with the body of item writes made by `JSON.stringify`.
 * The SDK's serializer walks the operation's schema and writes the JSON a character at a time in
 * JavaScript; for an input of strings, numbers (already strings in `N`), booleans, lists and maps,
 * which is what every item write of this project sends, its output is the input's JSON.
 * `JSON.stringify` writes that natively (docs/benchmarks.md: 13 % less client CPU per stored
 * item). Whatever the SDK would write differently goes through the SDK's serializer, decided on
 * the text: a binary value (`B`, `BS`: the SDK writes base64) and a null (the SDK drops null
 * members and list entries; `JSON.stringify` also writes NaN and infinities as null). A string
 * that merely contains such text takes the SDK's path too, which is always right.
 * dynamodb-item-writes.protocol.spec.ts holds both paths to the SDK's JSON.
 */
export class DynamoDbItemWritesProtocol extends AwsJson1_0Protocol {
  override async serializeRequest(
    ...[operationSchema, input, context]: Parameters<SerializeRequest>
  ): ReturnType<SerializeRequest> {
    const body = ITEM_WRITES.has(operationSchema.name) ? plainJson(input) : undefined;
    if (body === undefined) return super.serializeRequest(operationSchema, input, context);
    // Everything but the body (endpoint, path, headers) as the SDK makes it.
    const request = await super.serializeRequest(operationSchema, {}, context);
    request.body = body;
    return request;
  }
}

/** The input's JSON when it is the SDK's JSON of it too; undefined otherwise. */
function plainJson(input: object): string | undefined {
  let body: string;
  try {
    body = JSON.stringify(input);
  } catch {
    return undefined; // a BigInt, a cycle: the SDK's serializer says what is wrong
  }
  return body.includes('null') || body.includes('"B":') || body.includes('"BS":')
    ? undefined
    : body;
}
