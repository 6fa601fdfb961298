export * from './access.module';
export * from './api-keys.service';
export * from './api-keys.repository';
export * from './api-key-secret';
export * from './audit';
export * from './roles';
