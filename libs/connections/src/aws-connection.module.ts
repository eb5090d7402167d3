import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ReadinessRegistry } from '@rtml/service-runtime';
import { createDynamoDbClient, createS3Client } from './aws-clients.factory';
import type { AwsConnectionSettings } from './aws-client.config';

export interface AwsConnectionOptions extends AwsConnectionSettings {
  /** Which clients the service needs. */
  readonly dynamodbEndpoint?: string;
  readonly s3Endpoint?: string;
}

@Injectable()
class AwsConnectionLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(DynamoDBClient) private readonly dynamodb: DynamoDBClient | null,
    @Inject(S3Client) private readonly s3: S3Client | null,
  ) {}

  onModuleInit(): void {
    const { dynamodb, s3 } = this;
    if (dynamodb)
      this.readiness.add(
        'dynamodb',
        async () => void (await dynamodb.send(new ListTablesCommand({ Limit: 1 }))),
      );
    if (s3) this.readiness.add('s3', async () => void (await s3.send(new ListBucketsCommand({}))));
  }

  onApplicationShutdown(): void {
    this.dynamodb?.destroy();
    this.s3?.destroy();
  }
}

/** DynamoDB and/or S3 clients (injected by their SDK class), with readiness probes. */
@Module({})
export class AwsConnectionModule {
  static forRoot(options: AwsConnectionOptions): DynamicModule {
    const dynamodb =
      options.dynamodbEndpoint === undefined
        ? null
        : createDynamoDbClient(options.dynamodbEndpoint, options);
    const s3 =
      options.s3Endpoint === undefined ? null : createS3Client(options.s3Endpoint, options);
    return {
      module: AwsConnectionModule,
      global: true,
      providers: [
        { provide: DynamoDBClient, useValue: dynamodb },
        { provide: S3Client, useValue: s3 },
        AwsConnectionLifecycle,
      ],
      exports: [DynamoDBClient, S3Client],
    };
  }
}
