import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { ReadinessRegistry } from '@rtml/service-runtime';
import { REDIS_CLIENT } from './connection.tokens';
import { REDIS_CLIENT_OPTIONS } from './redis-client.options';

@Injectable()
class RedisConnectionLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.add('redis', async () => {
      const answer = await this.redis.ping();
      if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * The Redis client of a service (settings and their reasons in `REDIS_CLIENT_OPTIONS`): commands
 * fail, retriably, when Redis is away or does not answer in time, for the caller's backoff.
 */
@Module({})
export class RedisConnectionModule {
  static forRoot(options: { readonly url: string }): DynamicModule {
    return {
      module: RedisConnectionModule,
      global: true,
      providers: [
        {
          provide: REDIS_CLIENT,
          useFactory: () => new Redis(options.url, REDIS_CLIENT_OPTIONS),
        },
        RedisConnectionLifecycle,
      ],
      exports: [REDIS_CLIENT],
    };
  }
}
