import { EDITABLE_FIELDS, type EditableField, type EventView } from './types';

export interface SourceValue {
  url: string;
  publisher: string;
  title?: string;
  publishedAt?: string;
  quote?: string;
}

/** An event's editable fields as the form holds them and as PATCH takes them. */
export interface EditableValues {
  title: string;
  date: string;
  endDate: string | null;
  kind: string;
  summary: string;
  actors: { code: string; role: string }[];
  tags: string[];
  sources: SourceValue[];
}

const blankToUndefined = (v: string | null | undefined): string | undefined =>
  v === null || v === undefined || v.trim() === '' ? undefined : v.trim();

/** Normalises an event (or form values) to its editable fields, so equal content compares equal. */
export function editableOf(event: Partial<EventView> | Partial<EditableValues>): EditableValues {
  const e = event as Partial<EditableValues>;
  return {
    title: (e.title ?? '').trim(),
    date: (e.date ?? '').trim(),
    endDate: blankToUndefined(e.endDate) ?? null,
    kind: e.kind ?? '',
    summary: (e.summary ?? '').trim(),
    actors: (e.actors ?? []).filter((a) => a && a.code).map((a) => ({ code: a.code, role: a.role || 'participant' })),
    tags: [...new Set((e.tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))].sort(),
    sources: (e.sources ?? [])
      .filter((s) => s && (s.url || s.publisher))
      .map((s) => {
        const source: SourceValue = { url: (s.url ?? '').trim(), publisher: (s.publisher ?? '').trim() };
        for (const key of ['title', 'publishedAt', 'quote'] as const) {
          const value = blankToUndefined(s[key]);
          if (value !== undefined) source[key] = value;
        }
        return source;
      }),
  };
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field-by-field differences between two versions of an event (editable fields, then status). */
export function diffEvents(before: Partial<EventView>, after: Partial<EventView>): FieldChange[] {
  const a = editableOf(before);
  const b = editableOf(after);
  const changes: FieldChange[] = EDITABLE_FIELDS.filter((f) => !same(a[f], b[f])).map((field) => ({
    field,
    before: a[field],
    after: b[field],
  }));
  for (const field of ['status', 'statusReason'] as const) {
    if ((before[field] ?? null) !== (after[field] ?? null))
      changes.push({ field, before: before[field] ?? null, after: after[field] ?? null });
  }
  return changes;
}

/** The PATCH body: only the fields the editor changed from `original`. */
export function patchOf(original: Partial<EventView>, values: Partial<EditableValues>): Partial<EditableValues> {
  const a = editableOf(original);
  const b = editableOf(values);
  const patch: Partial<Record<EditableField, unknown>> = {};
  for (const field of EDITABLE_FIELDS) if (!same(a[field], b[field])) patch[field] = b[field];
  return patch as Partial<EditableValues>;
}

/** What a stale save collided with: what others changed since `base`, and which of those the editor changed too. */
export function conflictOf(
  base: EventView,
  current: EventView,
  mine: Partial<EditableValues>,
): { theirs: FieldChange[]; mine: Partial<EditableValues>; overlapping: string[] } {
  const theirs = diffEvents(base, current);
  const myPatch = patchOf(base, mine);
  const overlapping = theirs.map((c) => c.field).filter((f) => f in myPatch);
  return { theirs, mine: myPatch, overlapping };
}

/** A field's value as one line of text, for diffs. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (!value.length) return '—';
    return value
      .map((v) => {
        if (typeof v !== 'object' || v === null) return String(v);
        const o = v as Record<string, unknown>;
        if ('code' in o) return `${String(o.code)} (${String(o.role)})`;
        if ('url' in o) return `${String(o.publisher)}: ${String(o.url)}`;
        return JSON.stringify(v);
      })
      .join(', ');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
