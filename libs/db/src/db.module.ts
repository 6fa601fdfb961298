import { Global, Module } from '@nestjs/common';
import { DatabaseHealth } from './database-health';
import { PrismaService } from './prisma.service';

@Global()
@Module({ providers: [PrismaService, DatabaseHealth], exports: [PrismaService, DatabaseHealth] })
export class DbModule {}
