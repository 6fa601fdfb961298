export * from './errors';
export * from './event-date';
export * from './slug';
export * from './cursor';
export * from './filter';
export * from './event';
