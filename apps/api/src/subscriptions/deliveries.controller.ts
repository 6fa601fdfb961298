import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/access';
import { ValidationError } from '@app/domain';
import { SubscriptionsService } from '@app/webhooks';
import { Caller, RequireRole } from '../auth/auth.decorators';
import { parsePaging } from '../events/list-query';
import { RawQuery } from '../http/validation';
import { deliveryStatusOf } from './subscriptions.controller';

type Query = Record<string, string | string[] | undefined>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('subscriptions')
@ApiBearerAuth()
@RequireRole('subscriber', 'editor')
@Controller('v1/deliveries')
export class DeliveriesController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @ApiOperation({ summary: 'Deliveries across subscriptions (filter by status and subscriptionId), newest first' })
  async list(@Caller() caller: Principal, @RawQuery() query: Query): Promise<unknown> {
    const subscriptionId = query.subscriptionId;
    if (subscriptionId !== undefined && (typeof subscriptionId !== 'string' || !UUID.test(subscriptionId))) {
      throw new ValidationError('Invalid query', [{ path: 'subscriptionId', message: 'must be a subscription id' }]);
    }
    return this.subscriptions.listDeliveries({ subscriptionId, status: deliveryStatusOf(query), ...parsePaging(query) }, caller);
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string, @Caller() caller: Principal): Promise<unknown> {
    return this.subscriptions.getDelivery(id, caller);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again now (same webhook-id)' })
  async retry(@Param('id', new ParseUUIDPipe()) id: string, @Caller() caller: Principal): Promise<unknown> {
    return this.subscriptions.retryDelivery(id, caller);
  }
}
