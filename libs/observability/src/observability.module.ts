import { DynamicModule, Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';

@Global()
@Module({})
export class ObservabilityModule {
  static forProcess(name: 'api' | 'worker'): DynamicModule {
    return { module: ObservabilityModule, providers: [{ provide: Metrics, useFactory: () => new Metrics(name) }], exports: [Metrics] };
  }
}
