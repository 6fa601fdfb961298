import { Global, Module } from '@nestjs/common';
import { DatabaseHealth } from './database-health';
import { PreparedStatements } from './prepared-statements';
import { PrismaService } from './prisma.service';

@Global()
@Module({ providers: [PrismaService, PreparedStatements, DatabaseHealth], exports: [PrismaService, PreparedStatements, DatabaseHealth] })
export class DbModule {}
