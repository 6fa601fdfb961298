import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '@app/domain';
import { FeedsService, type FeedFormat, type FeedQuery } from '@app/feeds';
import { originOf } from '../http/links';
import { RawQuery } from '../http/validation';
import { filterOrErrors, parsePaging } from '../events/list-query';

type Query = Record<string, string | string[] | undefined>;

/** Links follow the request when no PUBLIC_BASE_URL is set, so the body then depends on these headers. */
const FORWARDED_VARY = ['X-Forwarded-Host', 'X-Forwarded-Proto'];

function parseFeedQuery(query: Query): FeedQuery {
  const errors: FieldError[] = [];
  const filter = filterOrErrors(query, errors);
  return { filter, ...parsePaging(query, errors) };
}

const FILTER_QUERIES = [
  { name: 'actor', isArray: true, description: 'Actor code; repeatable' },
  { name: 'actorsMode', enum: ['any', 'all'] },
  { name: 'tag', isArray: true },
  { name: 'kind', isArray: true },
  { name: 'from', description: 'YYYY, YYYY-MM or YYYY-MM-DD' },
  { name: 'to', description: 'YYYY, YYYY-MM or YYYY-MM-DD' },
  { name: 'q', description: 'Full-text search (web search syntax)' },
  { name: 'relatedTo', isArray: true, description: 'Event id or slug' },
  { name: 'limit', description: '1–200, default 50' },
  { name: 'cursor' },
];

function FeedQueries(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const q of FILTER_QUERIES) ApiQuery({ required: false, ...q })(target, key, descriptor);
    ApiResponse({ status: 304, description: 'Not modified (If-None-Match / If-Modified-Since)' })(target, key, descriptor);
  };
}

@ApiTags('feeds')
@Controller()
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get('feed.json')
  @ApiOperation({ summary: 'JSON Feed 1.1 of published events; same filters and paging as /v1/events' })
  @ApiProduces('application/feed+json')
  @FeedQueries()
  async jsonFeed(@RawQuery() query: Query, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.send('json', query, request, reply);
  }

  @Get('feed.atom')
  @ApiOperation({ summary: 'Atom 1.0 feed of published events, paged with rel="next" (RFC 5005)' })
  @ApiProduces('application/atom+xml')
  @FeedQueries()
  async atomFeed(@RawQuery() query: Query, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.send('atom', query, request, reply);
  }

  @Get('v1/timeline.json')
  @ApiOperation({ summary: 'The timeline in TimelineJS3 JSON format, ready to embed' })
  @ApiProduces('application/json')
  @FeedQueries()
  async timeline(@RawQuery() query: Query, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.send('timeline', query, request, reply);
  }

  private async send(format: FeedFormat, query: Query, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const base = this.feeds.publicBaseUrl;
    const result = await this.feeds.respond({
      format,
      query: parseFeedQuery(query),
      origin: base ?? originOf(request),
      varyOn: base ? [] : FORWARDED_VARY,
      conditional: request.headers,
    });
    void reply.status(result.status).headers(result.headers);
    if (result.status === 200 && result.nextLink) void reply.header('link', `<${result.nextLink}>; rel="next"`);
    await reply.send(result.body);
  }
}
