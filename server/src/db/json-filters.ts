import { raw } from '@mikro-orm/core';

/** Escapes LIKE's wildcards so that `text` matches only itself (used with `likeCondition`, which says ESCAPE). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * `<column> LIKE <pattern> ESCAPE '\'` on SQLite and PostgreSQL alike. Without the ESCAPE clause SQLite has no
 * escape character at all, so an escaped `%` or `_` never matched. `caseInsensitive` lowers both sides (SQLite's
 * LIKE ignores ASCII case, PostgreSQL's does not); `asText` casts a JSON column to its text form first.
 */
export function likeCondition(
  column: string,
  pattern: string,
  options: { caseInsensitive?: boolean; asText?: boolean } = {},
): Record<string, unknown> {
  return {
    [raw(
      (alias) => {
        const value = options.asText ? `cast(${alias}.${column} as text)` : `${alias}.${column}`;
        return options.caseInsensitive
          ? `lower(${value}) like lower(?) escape '\\'`
          : `${value} like ? escape '\\'`;
      },
      [pattern],
    )]: [],
  };
}

/** "This JSON array column holds `value`": match the serialised element in the column's text form. */
export function jsonArrayContains(column: string, value: string): Record<string, unknown> {
  return likeCondition(column, `%${escapeLike(JSON.stringify(value))}%`, { asText: true });
}
