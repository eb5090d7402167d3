import { Controller, Get, Inject, Param, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AppError } from '@rtml/errors';
import { ApiKeyGuard } from '../query-scores/api-key.guard';
import type { AuthenticatedRequest } from '../query-scores/api-key.guard';
import { API_KEY_SCHEME, ErrorBodySchema } from '../query-scores/scores-api.openapi';
import {
  MAX_QUALITY_K,
  parseLabelledRowsQuery,
  parseModelEvidenceQuery,
  parseModelQualityQuery,
} from '../query-scores/scores-query.parser';
import {
  LabelledRowsSchema,
  ModelEvidenceSchema,
  ModelQualitySchema,
} from './model-quality.openapi';
import type { VersionQuality } from './quality.evaluation';
import { MAX_QUALITY_DAYS, QualityReader } from './quality.reader';
import type { EvidenceAnswer, LabelledRowsAnswer } from './quality.reader';

/** Injection token of the quality API's defaults. */
export const QUALITY_OPTIONS = Symbol('rtml.actions.quality');

export interface QualityOptions {
  readonly k: number;
  readonly labelDelayDays: number;
}

export interface ModelQualityAnswer {
  readonly model: string;
  readonly k: number;
  readonly labelDelayDays: number;
  readonly clock: number | null;
  readonly from: number | null;
  readonly to: number | null;
  readonly versions: readonly VersionQuality[];
}

const TIME_FORMAT = 'epoch milliseconds or ISO-8601 (a date, or a date-time with Z or an offset)';

/** `GET /v1/models/{name}/quality`: a model's online quality per version and role. */
@ApiTags('models')
@ApiSecurity(API_KEY_SCHEME)
@ApiUnauthorizedResponse({ type: ErrorBodySchema, description: 'Missing or unknown x-api-key' })
@ApiServiceUnavailableResponse({ type: ErrorBodySchema, description: 'DynamoDB does not answer' })
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class ModelQualityController {
  constructor(
    @Inject(QualityReader) private readonly reader: QualityReader,
    @Inject(QUALITY_OPTIONS) private readonly options: QualityOptions,
  ) {}

  @Get('models/:name/quality')
  @ApiOperation({
    summary: "A model's online quality, per version and role, on matured events",
    description:
      'AUC ROC, average precision and card precision@k of every version of the model, as the ' +
      'champion and as the challenger (its shadow scores), on the events of the range that have ' +
      'matured (LABEL_DELAY_DAYS of event time have passed; an event with no fraud label by then ' +
      'is genuine). `overall` pools the range (card precision: the mean of the days), `days` ' +
      'gives each UTC day; `complete` is false for a day the range cuts or whose events have ' +
      'not all matured. Metrics undefined on the events (one class only) are null. The default ' +
      'range is the QUALITY_WINDOW_DAYS days up to the newest matured event time. A key limited ' +
      'to some entities cannot read it (403): it pools every entity.',
  })
  @ApiParam({ name: 'name', description: 'The model name' })
  @ApiQuery({ name: 'from', required: false, description: `Start, included: ${TIME_FORMAT}` })
  @ApiQuery({
    name: 'to',
    required: false,
    description: `End, included (a date alone: the whole day): ${TIME_FORMAT}; at most ${MAX_QUALITY_DAYS} days after from`,
  })
  @ApiQuery({
    name: 'k',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_QUALITY_K, default: 100 },
  })
  @ApiQuery({
    name: 'pool',
    required: false,
    description:
      '`role`: one entry per role over every version (version `*`: a champion replaced during the range); `version` (default): each version apart',
    schema: { type: 'string', enum: ['version', 'role'], default: 'version' },
  })
  @ApiOkResponse({ type: ModelQualitySchema })
  @ApiBadRequestResponse({ type: ErrorBodySchema, description: 'Bad parameters' })
  @ApiForbiddenResponse({ type: ErrorBodySchema, description: 'A key limited to some entities' })
  async quality(
    @Param('name') name: string,
    @Query() query: Record<string, unknown>,
    @Req() request: AuthenticatedRequest,
  ): Promise<ModelQualityAnswer> {
    if (request.apiKey?.entityPrefixes !== undefined)
      throw new AppError('FORBIDDEN', 'model quality pools every entity: this key reads some only');
    const parameters = parseModelQualityQuery(name, query);
    const k = parameters.k ?? this.options.k;
    const answer = await this.reader.quality({ ...parameters, k });
    return { model: name, k, labelDelayDays: this.options.labelDelayDays, ...answer };
  }

  @Get('models/:name/evidence')
  @ApiOperation({
    summary: 'The matured events a challenger version scored in shadow, with both scores',
    description:
      "Every matured event of the range that the model's version `challenger` scored in shadow, " +
      "with the champion's score of the same event, its label (1 fraud, 0 otherwise), its card " +
      '(the entity, numbered as the quality numbers it) and its UTC day number, as columns: what ' +
      '`npm run model -- compare` and `promote --if-better` judge the challenger by. The range ' +
      'is the quality API’s.',
  })
  @ApiParam({ name: 'name', description: 'The model name' })
  @ApiQuery({ name: 'challenger', required: true, description: 'The challenger version' })
  @ApiQuery({ name: 'from', required: false, description: `Start, included: ${TIME_FORMAT}` })
  @ApiQuery({ name: 'to', required: false, description: `End, included: ${TIME_FORMAT}` })
  @ApiOkResponse({ type: ModelEvidenceSchema })
  @ApiBadRequestResponse({ type: ErrorBodySchema, description: 'Bad parameters' })
  @ApiForbiddenResponse({ type: ErrorBodySchema, description: 'A key limited to some entities' })
  async evidence(
    @Param('name') name: string,
    @Query() query: Record<string, unknown>,
    @Req() request: AuthenticatedRequest,
  ): Promise<EvidenceAnswer & { readonly labelDelayDays: number }> {
    if (request.apiKey?.entityPrefixes !== undefined)
      throw new AppError(
        'FORBIDDEN',
        'model evidence pools every entity: this key reads some only',
      );
    const answer = await this.reader.evidence(parseModelEvidenceQuery(name, query));
    return { ...answer, labelDelayDays: this.options.labelDelayDays };
  }

  @Get('feature-sets/:name/labelled-rows')
  @ApiOperation({
    summary: 'The matured events of a day served one feature set, with their vectors and labels',
    description:
      'Every matured event of the UTC day `day` that was scored on feature set `name` version ' +
      '`version`, in event-time order: event id, entity, event time, label (1 fraud, 0 ' +
      'otherwise) and the feature vector as served (in the feature set’s order). What ' +
      '`npm run model -- train --from-store` trains on, so the model learns from exactly what ' +
      'serving computed. `complete` is false while some of the day’s events have not matured.',
  })
  @ApiParam({ name: 'name', description: 'The feature set name (e.g. handbook-15)' })
  @ApiQuery({ name: 'version', required: true, description: 'The feature set version' })
  @ApiQuery({ name: 'day', required: true, description: 'A UTC day, YYYY-MM-DD' })
  @ApiOkResponse({ type: LabelledRowsSchema })
  @ApiBadRequestResponse({ type: ErrorBodySchema, description: 'Bad parameters' })
  @ApiForbiddenResponse({ type: ErrorBodySchema, description: 'A key limited to some entities' })
  async labelledRows(
    @Param('name') name: string,
    @Query() query: Record<string, unknown>,
    @Req() request: AuthenticatedRequest,
  ): Promise<LabelledRowsAnswer & { readonly labelDelayDays: number }> {
    if (request.apiKey?.entityPrefixes !== undefined)
      throw new AppError('FORBIDDEN', 'labelled rows pool every entity: this key reads some only');
    const answer = await this.reader.labelledRows(parseLabelledRowsQuery(name, query));
    return { ...answer, labelDelayDays: this.options.labelDelayDays };
  }
}
