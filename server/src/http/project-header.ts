/**
 * The header (and graphql-ws connection parameter `project`) a client names one project with, by id or slug:
 * the request then sees that project only. The components' provider sends it when given `project`.
 */
export const PROJECT_HEADER = 'x-hangar-project';

/** The header's value: a repeated header counts as absent rather than guessing which one was meant. */
export function projectHeader(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
