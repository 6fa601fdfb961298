import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { ApiKeysService, ROLES, type ApiKeyRecord, type Role } from '@app/access';
import type { Author } from '@app/domain';
import { AuthorOf, RequireRole } from '../auth/auth.decorators';
import { parsePaging } from '../events/list-query';
import { RawQuery } from '../http/validation';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'newsroom ingest' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}

function show(key: ApiKeyRecord): Record<string, unknown> {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

@ApiTags('api keys')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('v1')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post('api-keys')
  @ApiOperation({ summary: 'Mint a key; the key is in this response only, and stored hashed' })
  async create(
    @Body() body: CreateApiKeyDto,
    @AuthorOf() author: Author,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const key = await this.keys.create(body.name, body.role, author);
    void reply.status(201).header('location', `/v1/api-keys/${key.id}`);
    return { ...show(key), key: key.key };
  }

  @Get('api-keys')
  async list(): Promise<{ data: unknown[]; nextCursor: null }> {
    return { data: (await this.keys.list()).map(show), nextCursor: null };
  }

  @Get('api-keys/:id')
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<unknown> {
    return show(await this.keys.get(id));
  }

  @Delete('api-keys/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key (it answers 401 from then on)' })
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @AuthorOf() author: Author): Promise<void> {
    await this.keys.revoke(id, author);
  }

  @Get('audit')
  @ApiOperation({ summary: 'The audit log, newest first; page with ?cursor=<id of the last entry>' })
  async audit(@RawQuery() query: Record<string, string | string[] | undefined>): Promise<{ data: unknown[]; nextCursor: string | null }> {
    const { limit, cursor } = parsePaging(query);
    const rows = await this.keys.audit(limit, cursor);
    return {
      data: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
      nextCursor: rows.length === limit ? rows[rows.length - 1].id : null,
    };
  }
}
