import { scramAlterArgs, scramFormatArgs, scramMarker } from './kafka-scram.users';

const user = {
  username: 'alice',
  password: 'alice-secret',
  mechanisms: ['SCRAM-SHA-256', 'SCRAM-SHA-512'],
};

describe('SCRAM user arguments', () => {
  it('formats the storage with one --add-scram per mechanism', () => {
    expect(scramFormatArgs(user)).toEqual([
      '--add-scram',
      'SCRAM-SHA-256=[name=alice,password=alice-secret]',
      '--add-scram',
      'SCRAM-SHA-512=[name=alice,password=alice-secret]',
    ]);
  });

  it('upserts the same credentials on a running broker through kafka-configs, one mechanism a run', () => {
    const runs = scramAlterArgs('127.0.0.1:9092', user);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toEqual([
      '--bootstrap-server',
      '127.0.0.1:9092',
      '--alter',
      '--entity-type',
      'users',
      '--entity-name',
      'alice',
      '--add-config',
      'SCRAM-SHA-256=[password=alice-secret]',
    ]);
    expect(runs[1]?.at(-1)).toBe('SCRAM-SHA-512=[password=alice-secret]');
  });

  it('marks a changed password or mechanism list as not applied yet, without holding the password', () => {
    const marker = scramMarker(user);
    expect(marker).not.toContain('alice-secret');
    expect(scramMarker({ ...user, password: 'other' })).not.toBe(marker);
    expect(scramMarker({ ...user, mechanisms: ['SCRAM-SHA-512'] })).not.toBe(marker);
  });
});
