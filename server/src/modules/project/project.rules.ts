/** Lowercase letters, digits and dashes, 1–64, starting with a letter or digit: safe in URLs, headers and claims. */
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isProjectSlug(value: string): boolean {
  return SLUG.test(value);
}

/** A slug proposed from a name ("Acme Corp." → "acme-corp"); empty when nothing usable is left. */
export function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}
