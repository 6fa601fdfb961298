import type { DataProvider, GetListParams, GetListResult, RaRecord } from 'react-admin';
import { api, apiBody } from './http';
import { CursorPages, listKey } from './cursor-pages';
import { toQuery } from './query';

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Where each react-admin resource lives in the v1 API, and how its records are identified. */
const RESOURCES: Record<string, { path: string; id?: (row: Record<string, unknown>) => string; paged: boolean }> = {
  events: { path: '/v1/events', paged: true },
  subscriptions: { path: '/v1/subscriptions', paged: true },
  deliveries: { path: '/v1/deliveries', paged: true },
  'api-keys': { path: '/v1/api-keys', paged: false },
  audit: { path: '/v1/audit', paged: true },
  actors: { path: '/v1/actors', id: (row) => String(row.code), paged: false },
  tags: { path: '/v1/tags', id: (row) => String(row.slug), paged: false },
};

/** Filter fields whose query parameter has another name. */
const PARAM_NAMES: Record<string, Record<string, string>> = {
  events: { actors: 'actor', tags: 'tag', kinds: 'kind' },
};

function resourceOf(name: string) {
  const resource = RESOURCES[name];
  if (!resource) throw new Error(`Unknown resource ${name}`);
  return resource;
}

function withId<T extends RaRecord>(name: string, row: Record<string, unknown>): T {
  const id = resourceOf(name).id;
  return (id ? { ...row, id: id(row) } : row) as T;
}

const pages = new CursorPages();

async function getList(name: string, params: GetListParams): Promise<GetListResult> {
  const resource = resourceOf(name);
  const filter = { ...(params.filter as Record<string, unknown>) };
  if (!resource.paged) {
    const body = await apiBody<Page<Record<string, unknown>>>(resource.path);
    const q = typeof filter.q === 'string' ? filter.q.toLowerCase() : '';
    const rows = body.data.map((row) => withId(name, row)).filter((row) => !q || JSON.stringify(row).toLowerCase().includes(q));
    return { data: rows, total: rows.length };
  }
  const { page = 1, perPage = 50 } = params.pagination ?? {};
  const key = listKey(name, filter, perPage);
  let current = page;
  let cursor = pages.cursorFor(key, page);
  if (cursor === null) {
    current = 1;
    cursor = undefined;
  }
  const query = toQuery(filter, PARAM_NAMES[name]);
  query.set('limit', String(Math.min(200, perPage)));
  if (cursor) query.set('cursor', cursor);
  const body = await apiBody<Page<Record<string, unknown>>>(resource.path, { query });
  pages.remember(key, current, body.nextCursor);
  return {
    data: body.data.map((row) => withId(name, row)),
    pageInfo: { hasNextPage: body.nextCursor !== null, hasPreviousPage: current > 1 },
  };
}

/** react-admin's data provider over the public v1 API: the UI's only way to the data. */
export const dataProvider: DataProvider = {
  getList: (resource, params) => getList(resource, params),
  getOne: async (resource, params) => {
    const row = await apiBody<Record<string, unknown>>(`${resourceOf(resource).path}/${encodeURIComponent(String(params.id))}`);
    return { data: withId(resource, row) };
  },
  getMany: async (resource, params) => {
    const { path, paged } = resourceOf(resource);
    if (!paged) {
      const all = await apiBody<Page<Record<string, unknown>>>(path);
      const rows = all.data.map((row) => withId(resource, row));
      return { data: rows.filter((row) => params.ids.includes(row.id)) as never[] };
    }
    const rows = await Promise.all(params.ids.map((id) => apiBody<Record<string, unknown>>(`${path}/${encodeURIComponent(String(id))}`)));
    return { data: rows.map((row) => withId(resource, row)) as never[] };
  },
  getManyReference: async (resource, params) => getList(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } }),
  create: async (resource, params) => {
    const row = await apiBody<Record<string, unknown>>(resourceOf(resource).path, { method: 'POST', body: params.data });
    return { data: withId(resource, row) };
  },
  update: async (resource, params) => {
    const headers: Record<string, string> = {};
    const version = (params.previousData as { version?: number } | undefined)?.version;
    if (resource === 'events' && version !== undefined) headers['if-match'] = `"${version}"`;
    const row = await apiBody<Record<string, unknown>>(`${resourceOf(resource).path}/${encodeURIComponent(String(params.id))}`, {
      method: 'PATCH',
      body: params.data,
      headers,
    });
    return { data: withId(resource, row) };
  },
  updateMany: async () => {
    throw new Error('Not supported by the v1 API');
  },
  delete: async (resource, params) => {
    await api(`${resourceOf(resource).path}/${encodeURIComponent(String(params.id))}`, { method: 'DELETE' });
    return { data: params.previousData ?? ({ id: params.id } as never) };
  },
  deleteMany: async (resource, params) => {
    for (const id of params.ids) await api(`${resourceOf(resource).path}/${encodeURIComponent(String(id))}`, { method: 'DELETE' });
    return { data: params.ids };
  },
};
