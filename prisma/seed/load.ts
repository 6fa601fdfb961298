import type { INestApplicationContext } from '@nestjs/common';
import { EventWritesRepository, normalizeEventInput } from '@app/events';
import { SeedRepository } from './seed.repository';
import { timeline } from './timeline';
import type { SeedTimeline } from './timeline.types';

export interface SeedReport {
  created: number;
  skipped: number;
  relationsAdded: number;
}

const SEED_AUTHOR = { keyId: null, name: 'seed' };

/**
 * Loads the seed timeline idempotently: actors and tags are upserted, an event whose slug exists is left
 * alone, relations are added once. Events go through the normal write path, so they have revisions.
 */
export async function loadSeed(app: INestApplicationContext, data: SeedTimeline = timeline): Promise<SeedReport> {
  const seed = app.get(SeedRepository);
  const writes = app.get(EventWritesRepository);
  await seed.upsertActors(data.actors);
  await seed.upsertTags(data.tags);
  const report: SeedReport = { created: 0, skipped: 0, relationsAdded: 0 };
  for (const event of data.events) {
    if (await seed.slugExists(event.slug)) {
      report.skipped++;
      continue;
    }
    const { relations: _relations, ...input } = event;
    await writes.create(normalizeEventInput({ ...input, status: 'published' }), SEED_AUTHOR);
    report.created++;
  }
  for (const event of data.events) {
    for (const relation of event.relations ?? []) {
      if (await seed.addRelation(event.slug, relation.to, relation.type)) report.relationsAdded++;
    }
  }
  return report;
}
