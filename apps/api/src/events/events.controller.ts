import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { Principal } from '@app/access';
import { DomainError, ValidationError, type Author, type EventView } from '@app/domain';
import { EventCurationService, EventsService, parseAsOf, type BulkItemResult, type ListResult } from '@app/events';
import { AuthorOf, Caller, RequireRole } from '../auth/auth.decorators';
import { setNextLink } from '../http/links';
import { RawQuery, refuseNulls, validateDto } from '../http/validation';
import { CreateEventDto, RetractEventDto, UpdateEventDto } from './dto/event.dto';
import { parseIfMatch, parseListQuery } from './list-query';

type Query = Record<string, string | string[] | undefined>;

const MAX_BULK_ITEMS = 1000;

@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly curation: EventCurationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List events, newest first (ranked by relevance when q is given)' })
  @ApiQuery({ name: 'actor', required: false, isArray: true, description: 'Actor code; repeatable (any of them unless actorsMode=all)' })
  @ApiQuery({ name: 'actorsMode', required: false, enum: ['any', 'all'] })
  @ApiQuery({ name: 'tag', required: false, isArray: true })
  @ApiQuery({ name: 'kind', required: false, isArray: true })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY, YYYY-MM or YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY, YYYY-MM or YYYY-MM-DD' })
  @ApiQuery({ name: 'q', required: false, description: 'Full-text search (web search syntax)' })
  @ApiQuery({ name: 'relatedTo', required: false, isArray: true, description: 'Event id or slug' })
  @ApiQuery({ name: 'status', required: false, isArray: true, description: 'Non-published statuses need an editor key' })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'asOf', required: false, description: 'RFC 3339 date-time: the list as recorded then (from revisions)' })
  async list(
    @RawQuery() query: Query,
    @Caller() caller: Principal | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListResult<EventView>> {
    const asOf = parseAsOf(query.asOf);
    const listQuery = parseListQuery(query);
    const result = asOf ? await this.curation.listAsOf(listQuery, asOf, caller) : await this.events.list(listQuery, caller);
    setNextLink(request, reply, result.nextCursor, this.config.PUBLIC_BASE_URL);
    return result;
  }

  @Get(':ref')
  @ApiOperation({ summary: 'One event by id or slug (retracted and merged events answer with their status)' })
  @ApiQuery({ name: 'asOf', required: false, description: 'RFC 3339 date-time: the event as recorded then; 404 if it did not exist yet' })
  async get(
    @Param('ref') ref: string,
    @RawQuery() query: Query,
    @Caller() caller: Principal | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventView> {
    const asOf = parseAsOf(query.asOf);
    const event = asOf ? await this.curation.getAsOf(ref, asOf, caller) : await this.events.get(ref, caller);
    void reply.header('etag', `"${event.version}"`);
    return event;
  }

  @Post()
  @RequireRole('ingest')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create an event (published unless status is draft)' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Replays the first response to the same key and body for IDEMPOTENCY_KEY_TTL (24 h); another body under the key is 422.',
  })
  async create(
    @Body() body: CreateEventDto,
    @AuthorOf() author: Author,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const key = request.headers['idempotency-key'];
    if (Array.isArray(key) || (key !== undefined && (key.length === 0 || key.length > 255))) {
      throw new ValidationError('Invalid Idempotency-Key', [
        { path: 'Idempotency-Key', message: 'must be 1 to 255 characters, sent once' },
      ]);
    }
    const result = await this.events.create(body, { ...author, keyId: author.keyId ?? '' }, key);
    void reply.status(result.statusCode);
    if (result.location) void reply.header('location', result.location);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return result.body;
  }

  @Post('bulk')
  @HttpCode(200)
  @RequireRole('ingest')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create up to 1,000 events from a JSON array or NDJSON; one result per item' })
  @ApiBody({ type: [CreateEventDto] })
  async bulk(@Body() body: unknown, @AuthorOf() author: Author): Promise<{ data: BulkItemResult[]; created: number; failed: number }> {
    const raw = typeof body === 'string' ? parseNdjson(body) : body;
    if (!Array.isArray(raw))
      throw new ValidationError('Invalid bulk body', [{ path: '$', message: 'must be a JSON array or NDJSON lines' }]);
    if (raw.length === 0 || raw.length > MAX_BULK_ITEMS) {
      throw new ValidationError('Invalid bulk body', [{ path: '$', message: `must hold 1 to ${MAX_BULK_ITEMS} events` }]);
    }
    const items: (CreateEventDto | DomainError)[] = [];
    for (const item of raw as unknown[]) {
      if (item instanceof DomainError) {
        items.push(item);
        continue;
      }
      try {
        items.push(await validateDto(CreateEventDto, item));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        items.push(error);
      }
    }
    const data = await this.events.createMany(items, author);
    const created = data.filter((d) => d.status === 201).length;
    return { data, created, failed: data.length - created };
  }

  @Patch(':ref')
  @RequireRole('editor')
  @ApiBearerAuth()
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you edited, in quotes: "3"' })
  @ApiOperation({
    summary:
      'Edit an event; 428 without If-Match, 412 when the event changed meanwhile; an edit that changes nothing is answered with the event as it is (no new version, no webhook)',
  })
  async update(
    @Param('ref') ref: string,
    @Body() body: UpdateEventDto,
    @AuthorOf() author: Author,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventView> {
    refuseNulls(body, ['endDate']);
    const event = await this.events.update(ref, body, parseIfMatch(request.headers['if-match']), author);
    void reply.header('etag', `"${event.version}"`);
    return event;
  }

  @Post(':ref/publish')
  @HttpCode(200)
  @RequireRole('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Publish a draft (or republish a retracted event); If-Match optional' })
  async publish(@Param('ref') ref: string, @AuthorOf() author: Author, @Req() request: FastifyRequest): Promise<EventView> {
    return this.events.publish(ref, parseIfMatch(request.headers['if-match']), author);
  }

  @Post(':ref/retract')
  @HttpCode(200)
  @RequireRole('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Retract an event, with a reason; it leaves lists and feeds but its URL keeps answering' })
  async retract(
    @Param('ref') ref: string,
    @Body() body: RetractEventDto,
    @AuthorOf() author: Author,
    @Req() request: FastifyRequest,
  ): Promise<EventView> {
    return this.events.retract(ref, body.reason, parseIfMatch(request.headers['if-match']), author);
  }

  @Get(':ref/revisions')
  @RequireRole('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Every version of an event, newest first, with what changed and who changed it' })
  async revisions(@Param('ref') ref: string): Promise<{ data: unknown[] }> {
    const data = await this.events.revisions(ref);
    return { data: data.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
  }
}

/** NDJSON → array; a line that is not JSON becomes a per-item validation error, not a failed request. */
function parseNdjson(text: string): unknown[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return new ValidationError('Invalid NDJSON line', [{ path: `[${i}]`, message: 'is not valid JSON' }]);
      }
    });
}
