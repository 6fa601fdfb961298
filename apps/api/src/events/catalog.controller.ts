import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventsService } from '@app/events';

@ApiTags('catalog')
@Controller('v1')
export class CatalogController {
  constructor(private readonly events: EventsService) {}

  @Get('actors')
  @ApiOperation({ summary: 'Every actor: states (ISO codes), blocs, organisations, people, with memberships' })
  async actors(): Promise<{ data: unknown[]; nextCursor: null }> {
    return { data: await this.events.listActors(), nextCursor: null };
  }

  @Get('tags')
  @ApiOperation({ summary: 'Every tag with the number of events carrying it' })
  async tags(): Promise<{ data: unknown[]; nextCursor: null }> {
    return { data: await this.events.listTags(), nextCursor: null };
  }
}
