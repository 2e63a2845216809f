import { raw } from '@mikro-orm/core';

/**
 * "This JSON array column holds `value`", on SQLite and PostgreSQL alike: match the serialised element in the
 * column's text form (PostgreSQL needs the explicit cast from jsonb).
 */
export function jsonArrayContains(column: string, value: string): Record<string, unknown> {
  const pattern = `%${JSON.stringify(value).replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  return { [raw((alias) => `cast(${alias}.${column} as text)`)]: { $like: pattern } };
}
