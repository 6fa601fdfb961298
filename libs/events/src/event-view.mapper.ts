import type { Prisma } from '@app/db';
import { formatEventDate, type DatePrecision, type EventView, type RelationView } from '@app/domain';

const RELATED_EVENT = { select: { id: true, slug: true, title: true, date: true, datePrecision: true } } as const;

/** Everything an EventView needs, in one Prisma include. */
export const EVENT_VIEW_INCLUDE = {
  actors: { include: { actor: { select: { name: true } } }, orderBy: { actorCode: 'asc' } },
  tags: { orderBy: { tagSlug: 'asc' } },
  sources: { include: { source: true }, orderBy: { position: 'asc' } },
  relationsFrom: { include: { to: RELATED_EVENT }, orderBy: { createdAt: 'asc' } },
  relationsTo: { include: { from: RELATED_EVENT }, orderBy: { createdAt: 'asc' } },
} as const satisfies Prisma.EventInclude;

export type EventRow = Prisma.EventGetPayload<{ include: typeof EVENT_VIEW_INCLUDE }>;

const ROLE_ORDER = { initiator: 0, target: 1, participant: 2 } as const;

function brief(e: { id: string; slug: string; title: string; date: Date; datePrecision: DatePrecision }): RelationView['event'] {
  return { id: e.id, slug: e.slug, title: e.title, date: formatEventDate(e.date, e.datePrecision) };
}

export function toEventView(row: EventRow): EventView {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    date: formatEventDate(row.date, row.datePrecision),
    datePrecision: row.datePrecision,
    endDate: row.endDate ? formatEventDate(row.endDate, row.endDatePrecision ?? 'day') : null,
    actors: row.actors
      .map((a) => ({ code: a.actorCode, name: a.actor.name, role: a.role }))
      .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.code.localeCompare(b.code)),
    tags: row.tags.map((t) => t.tagSlug),
    sources: row.sources.map((s) => ({
      url: s.source.url,
      publisher: s.source.publisher,
      title: s.source.title,
      publishedAt: s.source.publishedAt?.toISOString() ?? null,
      quote: s.quote,
    })),
    relations: [
      ...row.relationsFrom.map((r) => ({ id: r.id, type: r.type, status: r.status, direction: 'outgoing' as const, event: brief(r.to) })),
      ...row.relationsTo.map((r) => ({ id: r.id, type: r.type, status: r.status, direction: 'incoming' as const, event: brief(r.from) })),
    ],
    status: row.status,
    statusReason: row.statusReason,
    mergedInto: row.mergedIntoId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}
