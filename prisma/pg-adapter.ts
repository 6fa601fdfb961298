import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { parse } from 'pg-connection-string';

const TEXT_OID = 25;
// Postgres catalog types the Wasm schema engine reads but adapter-pg cannot map (prisma/prisma#27403).
const CATALOG_TEXT_OIDS = new Set([18 /* "char" */, 19 /* name */]);

interface FieldLike {
  dataTypeID: number;
}
interface ResultLike {
  fields?: FieldLike[];
}

function retypeCatalogFields(result: unknown): unknown {
  const results = Array.isArray(result) ? (result as ResultLike[]) : [result as ResultLike];
  for (const r of results) {
    for (const field of r?.fields ?? []) {
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

/** A pg client that reports `name` and `"char"` columns as text, which they are on the wire. */
class CatalogTextClient extends pg.Client {
  // pg's query() has many overloads; pg.Pool calls the callback form, direct callers the promise form.
  override query(...args: unknown[]): never {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as (err: unknown, result: unknown) => void;
      args[args.length - 1] = (err: unknown, result: unknown) => callback(err, err ? result : retypeCatalogFields(result));
    }
    const pending = (super.query as (...a: unknown[]) => unknown).apply(this, args);
    if (pending && typeof (pending as Promise<unknown>).then === 'function') {
      return (pending as Promise<unknown>).then(retypeCatalogFields) as never;
    }
    return pending as never;
  }
}

/**
 * Pool settings from a connection URL, as separate fields: adapter-pg derives the shadow
 * database by overriding `database`, which pg ignores when `connectionString` is set.
 */
export function poolConfigFromUrl(url: string): pg.PoolConfig {
  const parsed = parse(url);
  return {
    host: parsed.host ?? undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.user ?? undefined,
    password: parsed.password ?? undefined,
    database: parsed.database ?? undefined,
  };
}

/** The driver adapter Prisma's CLI (migrate, diff) runs through, with no native engine download. */
export function migrationAdapter(url: string): PrismaPg {
  return new PrismaPg({
    ...poolConfigFromUrl(url),
    Client: CatalogTextClient as unknown as typeof pg.Client,
    idleTimeoutMillis: 1000,
  });
}
