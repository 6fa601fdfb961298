import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { RELATION_TYPES, type RelationStatus, type RelationType } from '@app/domain';

export class MergeEventDto {
  @ApiProperty({ description: 'The surviving event, by id or slug' })
  @IsString()
  @Length(1, 200)
  into!: string;
}

export class CreateRelationDto {
  @ApiProperty({ enum: RELATION_TYPES })
  @IsIn(RELATION_TYPES)
  type!: RelationType;

  @ApiProperty({ description: 'The other event, by id or slug' })
  @IsString()
  @Length(1, 200)
  to!: string;

  @ApiPropertyOptional({ enum: ['suggested', 'confirmed'], default: 'confirmed' })
  @IsOptional()
  @IsIn(['suggested', 'confirmed'])
  status?: RelationStatus;
}
