import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, type Principal } from '@app/access';
import { Caller, RequireRole } from '../auth/auth.decorators';

@ApiTags('api keys')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  @Get()
  @RequireRole(...ROLES)
  @ApiOperation({ summary: 'The caller: the key id, name and role of any valid key (401 otherwise); the admin UI reads its menu from it' })
  me(@Caller() caller: Principal): { keyId: string; name: string; role: Principal['role'] } {
    return { keyId: caller.keyId, name: caller.name, role: caller.role };
  }
}
