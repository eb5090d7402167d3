import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PipelineMetrics } from '@rtml/observability';

/** Prometheus scrape endpoint. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(PipelineMetrics) private readonly metrics: PipelineMetrics) {}

  @Get()
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    await reply
      .header('content-type', this.metrics.registry.contentType)
      .send(await this.metrics.registry.metrics());
  }
}
