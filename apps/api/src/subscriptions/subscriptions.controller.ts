import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@app/access';
import { ValidationError, validateFilterBody, type Author } from '@app/domain';
import { SubscriptionsService, type DeliveryStatus } from '@app/webhooks';
import { AuthorOf, Caller, RequireRole } from '../auth/auth.decorators';
import { parsePaging } from '../events/list-query';
import { RawQuery, refuseNulls } from '../http/validation';
import { CreateSubscriptionDto, PreviewDto, ReplayDto, UpdateSubscriptionDto } from './dto/subscription.dto';

type Query = Record<string, string | string[] | undefined>;
const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'held'];

export function deliveryStatusOf(query: Query): DeliveryStatus | undefined {
  const status = query.status;
  if (status === undefined) return undefined;
  if (typeof status !== 'string' || !DELIVERY_STATUSES.includes(status)) {
    throw new ValidationError('Invalid query', [{ path: 'status', message: `must be one of ${DELIVERY_STATUSES.join(', ')}` }]);
  }
  return status as DeliveryStatus;
}

@ApiTags('subscriptions')
@ApiBearerAuth()
@RequireRole('subscriber', 'editor')
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribe a URL to events matching a filter; the signing secret is in this response only' })
  async create(
    @Body() body: CreateSubscriptionDto,
    @Caller() caller: Principal,
    @AuthorOf() author: Author,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const filter = validateFilterBody(body.filter);
    const created = await this.subscriptions.create({ ...body, filter }, caller, author);
    void reply.status(201).header('location', `/v1/subscriptions/${created.id}`);
    return created;
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The published events a filter matches, newest first' })
  async preview(@Body() body: PreviewDto, @RawQuery() query: Query): Promise<unknown> {
    return this.subscriptions.preview(validateFilterBody(body.filter), parsePaging(query).limit);
  }

  @Get()
  @ApiOperation({ summary: 'Subscriptions (a subscriber key sees its own)' })
  async list(@Caller() caller: Principal, @RawQuery() query: Query): Promise<unknown> {
    const { limit, cursor } = parsePaging(query);
    return this.subscriptions.list(caller, limit, cursor);
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Caller() caller: Principal): Promise<unknown> {
    return this.subscriptions.get(id, caller);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change url, description, types, filter, or pause/resume (status)' })
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateSubscriptionDto,
    @Caller() caller: Principal,
    @AuthorOf() author: Author,
  ): Promise<unknown> {
    refuseNulls(body, ['description']);
    const filter = body.filter === undefined ? undefined : validateFilterBody(body.filter);
    return this.subscriptions.update(id, { ...body, filter }, caller, author);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id', new ParseUUIDPipe()) id: string, @Caller() caller: Principal, @AuthorOf() author: Author): Promise<void> {
    await this.subscriptions.delete(id, caller, author);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new secret (shown once); the old one keeps signing for WEBHOOK_ROTATION_OVERLAP' })
  async rotate(@Param('id', new ParseUUIDPipe()) id: string, @Caller() caller: Principal, @AuthorOf() author: Author): Promise<unknown> {
    return this.subscriptions.rotateSecret(id, caller, author);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a subscription.test delivery' })
  async test(@Param('id', new ParseUUIDPipe()) id: string, @Caller() caller: Principal): Promise<unknown> {
    return this.subscriptions.sendTest(id, caller);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-enable; held deliveries go out in sequence order' })
  async enable(@Param('id', new ParseUUIDPipe()) id: string, @Caller() caller: Principal, @AuthorOf() author: Author): Promise<unknown> {
    return this.subscriptions.enable(id, caller, author);
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the deliveries of a time range again (same webhook-id)' })
  async replay(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReplayDto, @Caller() caller: Principal): Promise<unknown> {
    return this.subscriptions.replay(
      id,
      { since: new Date(body.since), until: body.until ? new Date(body.until) : undefined, onlyFailed: body.onlyFailed },
      caller,
    );
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries of a subscription, newest first, with their attempts' })
  async deliveries(@Param('id', new ParseUUIDPipe()) id: string, @Caller() caller: Principal, @RawQuery() query: Query): Promise<unknown> {
    return this.subscriptions.deliveriesOf(id, caller, { status: deliveryStatusOf(query), ...parsePaging(query) });
  }
}
