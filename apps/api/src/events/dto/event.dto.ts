import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ACTOR_ROLES, EVENT_KINDS, RELATION_TYPES, type ActorRole, type EventKind, type RelationType } from '@app/domain';

const EVENT_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_MESSAGE = 'must be YYYY, YYYY-MM or YYYY-MM-DD';

export class EventActorDto {
  @ApiProperty({ example: 'CN', description: 'Actor code (see GET /v1/actors)' })
  @IsString()
  @Length(1, 64)
  code!: string;

  @ApiProperty({ enum: ACTOR_ROLES })
  @IsIn(ACTOR_ROLES)
  role!: ActorRole;
}

export class SourceDto {
  @ApiProperty({ example: 'https://www.reuters.com/…' })
  @IsString()
  @Length(1, 2000)
  url!: string;

  @ApiProperty({ example: 'Reuters' })
  @IsString()
  @Length(1, 200)
  publisher!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ example: '2025-05-04', description: 'YYYY-MM-DD or RFC 3339' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  publishedAt?: string;

  @ApiPropertyOptional({ description: 'The passage of the source this event rests on' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  quote?: string;
}

export class RelationRefDto {
  @ApiProperty({ enum: RELATION_TYPES })
  @IsIn(RELATION_TYPES)
  type!: RelationType;

  @ApiProperty({ description: 'The other event, by id or slug' })
  @IsString()
  @Length(1, 200)
  to!: string;
}

export class CreateEventDto {
  @ApiProperty({ example: 'Beijing says it is willing to hold talks with the US' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  summary?: string;

  @ApiProperty({ enum: EVENT_KINDS })
  @IsIn(EVENT_KINDS)
  kind!: EventKind;

  @ApiProperty({ example: '2025-05-07', description: 'At the precision known: 2025, 2025-05 or 2025-05-07' })
  @IsString()
  @Matches(EVENT_DATE, { message: DATE_MESSAGE })
  date!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(EVENT_DATE, { message: DATE_MESSAGE })
  endDate?: string | null;

  @ApiPropertyOptional({ description: 'Defaults to the date and the title' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lower-case words joined by hyphens' })
  @MaxLength(120)
  slug?: string;

  @ApiPropertyOptional({ enum: ['draft', 'published'], default: 'published' })
  @IsOptional()
  @IsIn(['draft', 'published'])
  status?: 'draft' | 'published';

  @ApiPropertyOptional({ type: [EventActorDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EventActorDto)
  actors?: EventActorDto[];

  @ApiPropertyOptional({ type: [String], example: ['tariffs'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [SourceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];

  @ApiPropertyOptional({ type: [RelationRefDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RelationRefDto)
  relations?: RelationRefDto[];
}

export class UpdateEventDto extends PartialType(OmitType(CreateEventDto, ['status'] as const)) {}

export class RetractEventDto {
  @ApiProperty({ example: 'Reported in error' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
