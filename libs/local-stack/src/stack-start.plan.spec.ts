import { planStackStart } from './stack-start.plan';
import { SERVER_NAMES } from './stack.config';
import type { ServerName } from './stack.config';

const all = SERVER_NAMES;
const allBut = (...servers: ServerName[]) => all.filter((server) => !servers.includes(server));

describe('planStackStart', () => {
  it('starts nothing when every server of ours runs', () => {
    expect(planStackStart(all, all)).toEqual({ start: [], restart: [], resetRedisState: false });
  });

  it('after down, starts all five with Redis empty: the tables are gone, so is the feature state', () => {
    expect(planStackStart(all, [])).toEqual({ start: all, restart: [], resetRedisState: true });
  });

  it('keeps the feature state when Redis alone restarts: DynamoDB Local still holds the tables', () => {
    expect(planStackStart(all, allBut('redis'))).toEqual({
      start: ['redis'],
      restart: [],
      resetRedisState: false,
    });
  });

  it('restarts a running Redis empty when DynamoDB Local died and starts again without tables', () => {
    expect(planStackStart(all, allBut('dynamodb'))).toEqual({
      start: ['dynamodb', 'redis'],
      restart: ['redis'],
      resetRedisState: true,
    });
  });

  it('deletes the state of a stopped Redis when DynamoDB Local starts without it', () => {
    expect(planStackStart(['dynamodb'], [])).toEqual({
      start: ['dynamodb'],
      restart: [],
      resetRedisState: true,
    });
  });

  it('leaves DynamoDB Local and Redis alone when only other servers start', () => {
    expect(planStackStart(all, allBut('kafka', 's3'))).toEqual({
      start: ['kafka', 's3'],
      restart: [],
      resetRedisState: false,
    });
  });
});
