/**
 * Makes a value safe for Odoo's XML-RPC: `undefined` members are dropped, `null`
 * becomes False (Odoo never speaks <nil/>), and dates become Odoo's UTC strings
 * because a <dateTime.iso8601> reaches Odoo's ORM as an object it cannot compare.
 */
export function sanitizeParams(value: unknown): unknown {
  if (value === null) return false;
  if (value instanceof Date) return formatOdooDatetime(value);
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(sanitizeParams);
  if (typeof value === 'object' && value !== undefined) return sanitizeObject(value);
  return value;
}

function sanitizeObject(value: object): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child !== undefined) result[key] = sanitizeParams(child);
  }
  return result;
}

export function formatOdooDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
