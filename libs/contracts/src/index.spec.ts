import * as contracts from './index';

describe('the public API', () => {
  it('exposes the catalog, header names, error codes, the model manifest and enum symbols', () => {
    expect(Object.keys(contracts).sort()).toEqual([
      'CONSUMER_GROUPS',
      'CONTENT_TYPES',
      'DECISION_VALUES',
      'ERROR_CODES',
      'EVENT_KIND_VALUES',
      'HEADERS',
      'INGEST_SOURCE_VALUES',
      'MODEL_MANIFEST_SCHEMA_VERSION',
      'MODEL_TYPES',
      'SERVICE_IDS',
      'SUBJECT_COMPATIBILITY',
      'TOPICS',
      'TOPIC_IDS',
      'consumerGroupId',
      'isErrorCode',
      'topicName',
      'valueSubject',
    ]);
  });
});
