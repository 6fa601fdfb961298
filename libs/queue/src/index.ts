export * from './job-catalogue';
export * from './redis';
export * from './queues.service';
export * from './queue.module';
