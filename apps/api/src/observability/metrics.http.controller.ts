import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RuntimeMetrics } from '@mesas/runtime';

/**
 * `GET /metrics` at the root (outside /api/v1, where scrapers look): the Prometheus text format
 * of this process's registry. Public like the health routes; it holds counts and timings, never
 * ids, tokens or payloads.
 */
@ApiTags('health')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: RuntimeMetrics) {}

  @Get('metrics')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      "This process's metrics in the Prometheus text format: commands by type and outcome and their duration, events appended, projection lag and stalls, HTTP requests by route and status, and the process metrics.",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.registry.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(this.metrics.registry.contentType).send(body);
  }
}
