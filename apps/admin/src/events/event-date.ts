export type DatePrecision = 'year' | 'month' | 'day';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The precision an input date has: 2025 → year, 2025-04 → month, 2025-04-02 → day; null if it is none of them. */
export function precisionOf(value: string): DatePrecision | null {
  const match = PATTERN.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  if (m && (Number(m) < 1 || Number(m) > 12)) return null;
  if (d) {
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCDate() !== Number(d)) return null;
  }
  return d ? 'day' : m ? 'month' : 'year';
}

/** An event date shown at its precision, never with a made-up day: "2025", "Apr 2025", "2 Apr 2025". */
export function formatEventDate(value: string, precision?: DatePrecision): string {
  const match = PATTERN.exec(value.slice(0, 10));
  if (!match) return value;
  const [, y, m, d] = match;
  const p = precision ?? precisionOf(value) ?? 'day';
  if (p === 'year' || !m) return y;
  const month = MONTHS[Number(m) - 1] ?? m;
  if (p === 'month' || !d) return `${month} ${y}`;
  return `${Number(d)} ${month} ${y}`;
}

/** A form validator: undefined when valid, else the message shown beside the field. */
export function validateEventDate(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return precisionOf(String(value)) ? undefined : 'Use 2025, 2025-04 or 2025-04-02';
}
