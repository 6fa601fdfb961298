/** RFC 9457 problem details as the v1 API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  currentVersion?: number;
  existingId?: string;
  existingSlug?: string;
  [extension: string]: unknown;
}

/** A failed API call: its status and the problem the API answered with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
  }

  /** react-admin reads `body` of an HttpError-like error. */
  get body(): Problem {
    return this.problem;
  }
}

/** An API error path (`sources[0].url`, `filter.kinds`) as a form field name (`sources.0.url`). */
export function fieldNameOf(path: string): string {
  return path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/**
 * The field errors of a problem, keyed by form field name. Messages for one field are joined; the API's
 * messages are phrased to follow the field's name ("must be YYYY, YYYY-MM or YYYY-MM-DD").
 * Errors whose path names no field of the form (`known`) are returned apart, to be shown above the form.
 */
export function fieldErrorsOf(problem: Problem, known?: (field: string) => boolean): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const error of problem.errors ?? []) {
    const field = fieldNameOf(error.path);
    if (!field || (known && !known(field))) {
      other.push(error.path ? `${error.path} ${error.message}` : error.message);
      continue;
    }
    fields[field] = fields[field] ? `${fields[field]}; ${error.message}` : error.message;
  }
  if (!problem.errors?.length && (problem.detail || problem.title)) other.push(problem.detail ?? problem.title ?? '');
  return { fields, other };
}
