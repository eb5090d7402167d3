import { Body, Controller, Headers, HttpCode, HttpStatus, Inject, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { API_KEY_HEADER } from '@rtml/service-runtime';
import { traceIdFrom } from '../ingest-event/trace-id.policy';
import { AcceptEventsService } from './accept-events.service';
import type { AcceptedEvents } from './accept-events.service';

/** The caller's trace id in, the trace id used out (generated when the caller sent none). */
export const TRACE_ID_HTTP_HEADER = 'x-trace-id';

/**
 * POST /v1/events: one raw event or an array of them, from a producer named by its `x-api-key`
 * (401 without a known key, 403 for a kind it may not send, 429 over its rate); errors are mapped
 * by AppErrorFilter.
 */
@Controller('v1/events')
export class EventsController {
  constructor(@Inject(AcceptEventsService) private readonly events: AcceptEventsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  async accept(
    @Body() body: unknown,
    @Headers(TRACE_ID_HTTP_HEADER) traceHeader: string | undefined,
    @Headers(API_KEY_HEADER) apiKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AcceptedEvents> {
    const producer = this.events.authenticate(apiKey);
    const traceId = traceIdFrom(traceHeader);
    void reply.header(TRACE_ID_HTTP_HEADER, traceId);
    return this.events.accept(body, traceId, producer);
  }
}
