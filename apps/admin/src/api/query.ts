/** Builds query parameters from a filter object: arrays repeat, empty values are dropped. */
export function toQuery(filter: Record<string, unknown>, names: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    const name = names[key] ?? key;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined || v === null) continue;
      const text = String(v).trim();
      if (text) params.append(name, text);
    }
  }
  return params;
}
