import * as contracts from './index';

describe('the public API', () => {
  it('exposes the catalog, header names, error codes, field limits, the model manifest and enum symbols', () => {
    expect(Object.keys(contracts).sort()).toEqual([
      'CONSUMER_GROUPS',
      'CONSUMER_GROUP_KEYS',
      'CONTENT_TYPES',
      'DECISION_VALUES',
      'DYNAMODB_LIMITS',
      'ERROR_CODES',
      'EVENT_KIND_VALUES',
      'FIELD_LIMITS',
      'HEADERS',
      'IMPORTED_MODEL_TYPE',
      'INGEST_SOURCE_VALUES',
      'LOCAL_DEV_KEYS',
      'MANIFEST_MODEL_TYPES',
      'MAX_UTF8_BYTES_PER_CODE_UNIT',
      'MODEL_ALERT_KIND_VALUES',
      'MODEL_MANIFEST_SCHEMA_VERSION',
      'MODEL_TYPES',
      'SERVICE_IDS',
      'SUBJECT_COMPATIBILITY',
      'TOPICS',
      'TOPIC_IDS',
      'consumerGroupId',
      'consumerGroupsOf',
      'isAcceptedAmount',
      'isErrorCode',
      'isStorableNumber',
      'topicName',
      'valueSubject',
    ]);
  });
});
