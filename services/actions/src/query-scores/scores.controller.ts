import { Controller, Get, Inject, Param, Query, Req, UseGuards } from '@nestjs/common';
import { mayReadEntity } from '@rtml/service-runtime';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
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
import type { EventOutcome } from '../read-outcomes/outcome.policy';
import { OutcomeReader } from '../read-outcomes/outcome.reader';
import { ApiKeyGuard } from './api-key.guard';
import type { AuthenticatedRequest } from './api-key.guard';
import { encodeCursor } from './score-cursor.codec';
import {
  API_KEY_SCHEME,
  ErrorBodySchema,
  ScoresPageSchema,
  StoredScoreSchema,
} from './scores-api.openapi';
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  parseEntityScoresQuery,
  parseEventId,
} from './scores-query.parser';

export interface ScoresPage {
  readonly items: readonly EventOutcome[];
  readonly nextCursor: string | null;
}

const TIME_FORMAT = 'epoch milliseconds or ISO-8601 (a date, or a date-time with Z or an offset)';

const OUTCOME_DESCRIPTION =
  'Each score carries its label (`label`: `{ fraud, labelledAt }`, the newest label of the event, ' +
  'or null while none is stored), `matured` and `outcome`. An event has matured once the label ' +
  'delay (LABEL_DELAY_DAYS, 7 by default) has passed in event time: the event clock, the newest ' +
  'event time actions has stored a prediction for (shared by every replica), has reached the ' +
  "event's time plus the delay. `outcome` is the label's (`fraud`, or `genuine` when confirmed " +
  'so) whenever a label is stored; with none, `genuine` once matured (a fraud is labelled within ' +
  'the delay) and `pending` before. A label arriving late still turns the outcome to `fraud`.';

/**
 * The scores API: one stored score by event id, and an entity's scores over a time range, each
 * with its label when one is stored, whether it has matured and its outcome (`OutcomeReader`).
 */
@ApiTags('scores')
@ApiSecurity(API_KEY_SCHEME)
@ApiUnauthorizedResponse({ type: ErrorBodySchema, description: 'Missing or unknown x-api-key' })
@ApiServiceUnavailableResponse({ type: ErrorBodySchema, description: 'DynamoDB does not answer' })
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class ScoresController {
  constructor(@Inject(OutcomeReader) private readonly outcomes: OutcomeReader) {}

  @Get('scores/:eventId')
  @ApiOperation({
    summary: 'The stored score of one event, with its label, maturity and outcome',
    description: OUTCOME_DESCRIPTION,
  })
  @ApiParam({ name: 'eventId', description: 'The scored event id' })
  @ApiOkResponse({ type: StoredScoreSchema })
  @ApiBadRequestResponse({ type: ErrorBodySchema, description: 'An event id that cannot exist' })
  @ApiNotFoundResponse({ type: ErrorBodySchema, description: 'No score stored for this event' })
  async score(
    @Param('eventId') eventId: string,
    @Req() request: AuthenticatedRequest,
  ): Promise<EventOutcome> {
    const found = await this.outcomes.outcomeOf(parseEventId(eventId));
    // Another tenant's score answers as a missing one: a 403 would confirm the event exists.
    if (!found || !readable(request, found.entityId))
      throw new AppError('NOT_FOUND', `no score is stored for event ${eventId}`, {
        details: { eventId },
      });
    return found;
  }

  @Get('entities/:entityId/scores')
  @ApiOperation({
    summary: "An entity's scores over an event-time range, ascending by event time, paginated",
    description: OUTCOME_DESCRIPTION,
  })
  @ApiParam({ name: 'entityId', description: 'The entity (the customer id for card fraud)' })
  @ApiQuery({ name: 'from', required: false, description: `Start, included: ${TIME_FORMAT}` })
  @ApiQuery({ name: 'to', required: false, description: `End, included: ${TIME_FORMAT}` })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
  })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiOkResponse({ type: ScoresPageSchema })
  @ApiBadRequestResponse({
    type: ErrorBodySchema,
    description: 'Bad parameters, one entry per field in details.fields',
  })
  async entityScores(
    @Param('entityId') entityId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: AuthenticatedRequest,
  ): Promise<ScoresPage> {
    if (!readable(request, entityId))
      throw new AppError('NOT_FOUND', `no entity ${entityId} for this key`, {
        details: { entityId },
      });
    const page = await this.outcomes.entityPage(parseEntityScoresQuery(entityId, query));
    return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
  }
}

/** Whether the request's key may read `entityId` (its entityPrefixes; none: every entity). */
const readable = (request: AuthenticatedRequest, entityId: string): boolean =>
  request.apiKey !== undefined && mayReadEntity(request.apiKey, entityId);
