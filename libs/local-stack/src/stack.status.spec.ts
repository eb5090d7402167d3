import { formatStatusLine, isStackUp } from './stack.status';

const allUp = {
  kafka: 'up',
  registry: 'up',
  'registry-proxy': 'up',
  dynamodb: 'up',
  s3: 'up',
  redis: 'up',
} as const;

describe('formatStatusLine', () => {
  it('prints one JSON line with the servers in a fixed order', () => {
    const shuffled = {
      redis: 'up',
      s3: 'down',
      kafka: 'up',
      dynamodb: 'up',
      registry: 'down',
      'registry-proxy': 'down',
    } as const;
    expect(formatStatusLine(shuffled)).toBe(
      '{"kafka":"up","registry":"down","registry-proxy":"down","dynamodb":"up","s3":"down","redis":"up"}',
    );
  });
});

describe('isStackUp', () => {
  it('is true only when every server is up', () => {
    expect(isStackUp(allUp)).toBe(true);
    expect(isStackUp({ ...allUp, redis: 'down' })).toBe(false);
    expect(isStackUp({ ...allUp, 'registry-proxy': 'down' })).toBe(false);
  });
});
