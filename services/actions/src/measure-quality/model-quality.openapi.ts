import { ApiProperty } from '@nestjs/swagger';
import { MODEL_ROLES } from './quality.evaluation';

// The quality API's response shape as an OpenAPI schema: it describes what the controller
// returns (ModelQualityAnswer); nothing constructs it.

class QualityNumbersSchema {
  @ApiProperty({ type: Number, description: 'Matured events counted' }) events!: number;
  @ApiProperty({ type: Number, description: 'Frauds among them' }) frauds!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'AUC ROC; null with one class only' })
  auc!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Average precision; null with no fraud',
  })
  ap!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Card precision@k (over several days: their mean)',
  })
  cardPrecision!: number | null;
}

class DayQualitySchema extends QualityNumbersSchema {
  @ApiProperty({ type: String, example: '2018-06-01', description: 'UTC day' }) day!: string;
  @ApiProperty({
    type: Boolean,
    description: 'The range holds the whole day and all its events have matured',
  })
  complete!: boolean;
}

class VersionQualitySchema {
  @ApiProperty({ type: String, example: 'card-fraud' }) model!: string;
  @ApiProperty({ type: String, example: '3' }) version!: string;
  @ApiProperty({ type: String, enum: MODEL_ROLES }) role!: string;
  @ApiProperty({ type: QualityNumbersSchema, description: 'The whole range' })
  overall!: QualityNumbersSchema;
  @ApiProperty({ type: [DayQualitySchema], description: 'Each UTC day with matured events' })
  days!: DayQualitySchema[];
}

export class ModelQualitySchema {
  @ApiProperty({ type: String, example: 'card-fraud' }) model!: string;
  @ApiProperty({ type: Number, example: 100, description: 'k of card precision@k' }) k!: number;
  @ApiProperty({ type: Number, example: 7 }) labelDelayDays!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The event clock maturity was judged by, epoch ms (null: nothing stored)',
  })
  clock!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Range start, epoch ms' })
  from!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Range end (included), epoch ms' })
  to!: number | null;
  @ApiProperty({
    type: [VersionQualitySchema],
    description: 'By version, champion then challenger',
  })
  versions!: VersionQualitySchema[];
}

class ChampionCountSchema {
  @ApiProperty({ type: String }) model!: string;
  @ApiProperty({ type: String }) version!: string;
  @ApiProperty({ type: Number, description: 'Events of the evidence it scored' }) events!: number;
}

export class ModelEvidenceSchema {
  @ApiProperty({ type: String, example: 'card-fraud' }) model!: string;
  @ApiProperty({ type: String, example: '4' }) challenger!: string;
  @ApiProperty({ type: Number, example: 7 }) labelDelayDays!: number;
  @ApiProperty({ type: Number, nullable: true }) clock!: number | null;
  @ApiProperty({ type: Number, nullable: true }) from!: number | null;
  @ApiProperty({ type: Number, nullable: true }) to!: number | null;
  @ApiProperty({ type: [ChampionCountSchema] }) champions!: ChampionCountSchema[];
  @ApiProperty({ type: [Number], description: 'UTC day numbers, one per event' }) days!: number[];
  @ApiProperty({ type: [Number], description: 'Card numbers, one per event' }) cards!: number[];
  @ApiProperty({ type: [Number], description: '1 fraud, 0 otherwise' }) labels!: number[];
  @ApiProperty({ type: [Number], description: "The champion's scores" }) champion!: number[];
  @ApiProperty({ type: [Number], description: "The challenger's scores" })
  challengerScores!: number[];
}

export class LabelledRowsSchema {
  @ApiProperty({ type: String, example: 'handbook-15' }) featureSet!: string;
  @ApiProperty({ type: String, example: '1' }) version!: string;
  @ApiProperty({ type: String, example: '2018-06-01' }) day!: string;
  @ApiProperty({ type: Number, example: 7 }) labelDelayDays!: number;
  @ApiProperty({ type: Number, nullable: true }) clock!: number | null;
  @ApiProperty({ type: Boolean, description: 'Every event of the day has matured' })
  complete!: boolean;
  @ApiProperty({ type: [String] }) eventIds!: string[];
  @ApiProperty({ type: [String] }) entityIds!: string[];
  @ApiProperty({ type: [Number], description: 'Epoch ms' }) eventTimes!: number[];
  @ApiProperty({ type: [Number], description: '1 fraud, 0 otherwise' }) labels!: number[];
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'number' } },
    description: "Each event's feature vector as served, in the feature set's order",
  })
  features!: number[][];
}
