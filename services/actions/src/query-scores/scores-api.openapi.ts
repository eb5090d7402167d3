import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECISION_VALUES, ERROR_CODES } from '@rtml/contracts';
import { OUTCOME_VALUES } from '../read-outcomes/outcome.policy';

// The scores API's response shapes, as OpenAPI schemas. They describe what the controller
// returns (StoredScore, a page, the AppErrorFilter's error body); nothing constructs them.

class ModelRefSchema {
  @ApiProperty({ type: String, example: 'card-fraud-lr' }) name!: string;
  @ApiProperty({ type: String, example: '3' }) version!: string;
}

class FeatureSchema {
  @ApiProperty({ type: String, example: 'amount' }) name!: string;
  @ApiProperty({ type: Number, example: 57.16 }) value!: number;
}

class ShadowScoreSchema {
  @ApiProperty({ type: ModelRefSchema }) model!: ModelRefSchema;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1 }) score!: number;
  @ApiProperty({ type: String, enum: DECISION_VALUES }) decision!: string;
}

class TimingsSchema {
  @ApiProperty({ type: Number, description: 'When ingest accepted the event, epoch ms' })
  ingestedAt!: number;
  @ApiProperty({ type: Number, description: 'When the features were computed, epoch ms' })
  enrichedAt!: number;
  @ApiProperty({ type: Number, description: 'When the event was scored, epoch ms' })
  scoredAt!: number;
  @ApiProperty({ type: Number, description: 'Milliseconds spent in the model' }) scoringMs!: number;
}

class LabelSchema {
  @ApiProperty({ type: Boolean, description: 'True for a fraud, false for a confirmed genuine' })
  fraud!: boolean;
  @ApiProperty({
    type: Number,
    description: 'When the label became known (the label event time), epoch ms',
    example: 1_700_604_800_000,
  })
  labelledAt!: number;
}

export class StoredScoreSchema {
  @ApiProperty({ type: String, example: 'evt-000123' }) eventId!: string;
  @ApiProperty({
    type: Number,
    description: 'Event time, epoch milliseconds (UTC)',
    example: 1_700_000_000_000,
  })
  eventTime!: number;
  @ApiProperty({ type: String, example: 'customer-42' }) entityId!: string;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1, example: 0.8125 }) score!: number;
  @ApiProperty({ type: Number, example: 0.5 }) threshold!: number;
  @ApiProperty({
    type: String,
    enum: DECISION_VALUES,
    description: 'ALERT when score >= threshold',
  })
  decision!: string;
  @ApiProperty({ type: ModelRefSchema }) model!: ModelRefSchema;
  @ApiProperty({ type: ModelRefSchema, description: 'The feature set name and version' })
  featureSet!: ModelRefSchema;
  @ApiProperty({ type: [FeatureSchema], description: "In the feature set's (the model's) order" })
  features!: FeatureSchema[];
  @ApiProperty({ type: ShadowScoreSchema, nullable: true }) shadow!: ShadowScoreSchema | null;
  @ApiProperty({ type: TimingsSchema }) timings!: TimingsSchema;
  @ApiProperty({
    type: Number,
    description: 'When the TTL may delete the item: ingestion time + retention, epoch s',
  })
  expiresAt!: number;
  @ApiProperty({
    type: LabelSchema,
    nullable: true,
    description: "The event's newest label, joined by event id; null while none is stored",
  })
  label!: LabelSchema | null;
  @ApiProperty({
    type: Boolean,
    description:
      "Whether the label delay (LABEL_DELAY_DAYS) has passed in event time: the newest event time stored has reached this event's time plus the delay",
  })
  matured!: boolean;
  @ApiProperty({
    type: String,
    enum: OUTCOME_VALUES,
    description:
      "The label's outcome when one is stored; with none, genuine once matured, else pending",
  })
  outcome!: string;
}

export class ScoresPageSchema {
  @ApiProperty({ type: [StoredScoreSchema], description: 'Ascending by event time' })
  items!: StoredScoreSchema[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

class FieldErrorSchema {
  @ApiProperty({ type: String, example: 'limit' }) path!: string;
  @ApiProperty({ type: String, example: 'expected an integer from 1 to 1000' }) message!: string;
}

class ErrorDetailsSchema {
  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'Per-field problems (400)' })
  fields?: FieldErrorSchema[];
}

/** The body of every error answer (the shared AppErrorFilter's). */
export class ErrorBodySchema {
  @ApiProperty({ type: String, enum: Object.keys(ERROR_CODES), example: 'REQUEST_INVALID' })
  code!: string;
  @ApiProperty({
    type: String,
    example: 'invalid request: limit: expected an integer from 1 to 1000',
  })
  message!: string;
  @ApiPropertyOptional({ type: ErrorDetailsSchema }) details?: ErrorDetailsSchema;
}

/** The name of the API-key security scheme in the document. */
export const API_KEY_SCHEME = 'apiKey';
