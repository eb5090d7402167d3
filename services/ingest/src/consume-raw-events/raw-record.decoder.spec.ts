import { CONTENT_TYPES, HEADERS } from '@rtml/contracts';
import { rawTransactionEventFixture } from '@rtml/contracts/testing';
import { AppError } from '@rtml/errors';
import { detectFormat, parseJsonValue } from './raw-record.decoder';

const json = Buffer.from(JSON.stringify(rawTransactionEventFixture));
// Confluent wire format: magic byte 0, a 4-byte schema id, then the Avro body.
const avro = Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), Buffer.from([0x0a, 0x74])]);

describe('telling JSON from Avro raw values', () => {
  it('reads Avro when the value starts with the magic byte 0 and no header says otherwise', () => {
    expect(detectFormat(avro, {})).toBe('avro');
  });

  it('reads JSON when the value starts with anything else', () => {
    expect(detectFormat(json, {})).toBe('json');
    expect(detectFormat(Buffer.from(' [1]'), {})).toBe('json');
  });

  it('follows the content-type header over the first byte', () => {
    expect(detectFormat(avro, { [HEADERS.contentType]: CONTENT_TYPES.json })).toBe('json');
    expect(detectFormat(json, { [HEADERS.contentType]: CONTENT_TYPES.avro })).toBe('avro');
  });

  it('ignores media type parameters and case in the header', () => {
    expect(detectFormat(json, { [HEADERS.contentType]: 'Application/JSON; charset=utf-8' })).toBe(
      'json',
    );
  });

  it('refuses a content type it does not read as undecodable', () => {
    const attempt = () => detectFormat(json, { [HEADERS.contentType]: 'application/x-protobuf' });

    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/unsupported content type "application\/x-protobuf"/);
    expect(() => detectFormat(json, { [HEADERS.contentType]: 'text/csv' })).toThrow(
      expect.objectContaining({ code: 'UNDECODABLE', retriable: false }),
    );
  });
});

describe('parsing a JSON raw value', () => {
  it('returns the parsed value', () => {
    expect(parseJsonValue(json)).toEqual(rawTransactionEventFixture);
  });

  it('refuses text that is not JSON, and bytes that are not UTF-8, as undecodable', () => {
    for (const bytes of [Buffer.from('{"eventId": '), Buffer.from([0x7b, 0xff, 0xfe, 0x7d])]) {
      expect(() => parseJsonValue(bytes)).toThrow(
        expect.objectContaining({ code: 'UNDECODABLE', retriable: false }),
      );
    }
  });
});
