import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@app/access';
import type { Author, EventView } from '@app/domain';
import { EventCurationService } from '@app/events';
import { AuthorOf, Caller, RequireRole } from '../auth/auth.decorators';
import { parseIfMatch, parsePaging } from '../events/list-query';
import { RawQuery } from '../http/validation';
import { CreateRelationDto, MergeEventDto } from './curation.dto';

type Query = Record<string, string | string[] | undefined>;

@ApiTags('events')
@Controller('v1/events')
export class CurationController {
  constructor(private readonly curation: EventCurationService) {}

  @Get(':ref/related')
  @ApiOperation({ summary: 'Published events related to this one, ranked, each with its reasons' })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  async related(@Param('ref') ref: string, @RawQuery() query: Query, @Caller() caller: Principal | undefined) {
    const { limit } = parsePaging({ limit: query.limit });
    return this.curation.related(ref, limit, caller);
  }

  @Get(':ref/duplicates')
  @RequireRole('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Possible duplicates: same source URL, close dates, similar titles (pg_trgm), with score and reasons' })
  async duplicates(@Param('ref') ref: string) {
    return this.curation.duplicatesOf(ref);
  }

  @Get(':ref/suggestions')
  @RequireRole('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Relations an editor may want to add (duplicates, shared actors and tags), not yet linked' })
  async suggestions(@Param('ref') ref: string) {
    return this.curation.suggestions(ref);
  }

  @Post(':ref/merge')
  @HttpCode(200)
  @RequireRole('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Merge this event into another: sources, actors, tags and relations move; this one becomes merged' })
  async merge(@Param('ref') ref: string, @Body() body: MergeEventDto, @AuthorOf() author: Author, @Req() request: FastifyRequest) {
    return this.curation.merge(ref, body.into, parseIfMatch(request.headers['if-match']), author);
  }

  @Post(':ref/relations')
  @RequireRole('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add a relation from this event (confirmed unless status is suggested)' })
  async addRelation(
    @Param('ref') ref: string,
    @Body() body: CreateRelationDto,
    @AuthorOf() author: Author,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ relationId: string; event: EventView }> {
    const result = await this.curation.addRelation(ref, body, author);
    void reply.status(201).header('etag', `"${result.event.version}"`);
    return result;
  }

  @Post(':ref/relations/:relationId/confirm')
  @HttpCode(200)
  @RequireRole('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Confirm a suggested relation' })
  async confirmRelation(@Param('ref') ref: string, @Param('relationId') relationId: string, @AuthorOf() author: Author) {
    return this.curation.confirmRelation(ref, relationId, author);
  }

  @Delete(':ref/relations/:relationId')
  @RequireRole('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Remove a relation of this event (either direction)' })
  async removeRelation(@Param('ref') ref: string, @Param('relationId') relationId: string, @AuthorOf() author: Author) {
    return this.curation.removeRelation(ref, relationId, author);
  }
}
