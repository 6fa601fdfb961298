export * from './events.module';
export * from './events.service';
export * from './events.repository';
export * from './event-writes.repository';
export * from './event-input';
export * from './event-filter.sql';
