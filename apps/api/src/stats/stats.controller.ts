import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/auth.decorators';
import { StatsService, type DashboardStats } from './stats.service';

@ApiTags('operations')
@ApiBearerAuth()
@RequireRole('editor')
@Controller('v1/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Dashboard figures: events by status, deliveries in the last 24 h and their success rate, subscriptions by status, queue depth, outbox lag',
  })
  get(): Promise<DashboardStats> {
    return this.stats.dashboard();
  }
}
