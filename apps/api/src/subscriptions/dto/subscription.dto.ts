import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';
import { WEBHOOK_TYPES } from '@app/webhooks';

export class FilterDto {
  @ApiPropertyOptional({ type: [String], example: ['CN'] })
  actors?: string[];

  @ApiPropertyOptional({ enum: ['any', 'all'] })
  actorsMode?: 'any' | 'all';

  @ApiPropertyOptional({ type: [String], example: ['tariffs'] })
  tags?: string[];

  @ApiPropertyOptional({ type: [String] })
  kinds?: string[];

  @ApiPropertyOptional({ example: '2025-04' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-12' })
  to?: string;

  @ApiPropertyOptional()
  q?: string;

  @ApiPropertyOptional({ type: [String], description: 'Event ids or slugs' })
  relatedTo?: string[];
}

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'https://newsroom.example/hooks/trade' })
  @IsString()
  @Length(1, 2000)
  url!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_TYPES, isArray: true, default: WEBHOOK_TYPES })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(WEBHOOK_TYPES, { each: true })
  types?: string[];

  @ApiPropertyOptional({ type: FilterDto, description: 'The same fields as the /v1/events query; empty matches everything' })
  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown>;
}

export class UpdateSubscriptionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  url?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(WEBHOOK_TYPES, { each: true })
  types?: string[];

  @ApiPropertyOptional({ type: FilterDto })
  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['active', 'paused'], description: 'paused holds new deliveries until active again' })
  @IsOptional()
  @IsIn(['active', 'paused'])
  status?: 'active' | 'paused';
}

export class ReplayDto {
  @ApiProperty({ example: '2025-05-01T00:00:00Z' })
  @IsDateString({ strict: true })
  since!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString({ strict: true })
  until?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  onlyFailed?: boolean;
}

export class PreviewDto {
  @ApiProperty({ type: FilterDto })
  @IsObject()
  filter!: Record<string, unknown>;
}
