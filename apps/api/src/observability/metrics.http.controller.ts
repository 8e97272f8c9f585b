import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { RuntimeMetrics } from '@mesas/runtime';

/**
 * `GET /metrics` at the root (outside /api/v1, where scrapers look): the Prometheus text format
 * of this process's registry. Public like the health routes; it holds counts and timings, never
 * ids, tokens or payloads.
 */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: RuntimeMetrics) {}

  @Get('metrics')
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.registry.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(this.metrics.registry.contentType).send(body);
  }
}
