/** A domain failure reported in a mutation payload (`userErrors`), with `field` as a path into the input. */
export interface UserErrorLike {
  field?: readonly string[] | null;
  message: string;
  code?: string | null;
}

/**
 * Messages keyed by the field path relative to the input (`input.configuration.parameters.topK` →
 * `configuration.parameters.topK`); errors without a field go under `''`.
 */
export function userErrorsByField(errors: readonly UserErrorLike[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of errors) {
    const path = [...(error.field ?? [])];
    if (path[0] === 'input') path.shift();
    const key = path.join('.');
    byField[key] = byField[key] ? `${byField[key]} ${error.message}` : error.message;
  }
  return byField;
}

/** The form's errors from a refused payload: by field, or `fallback` under `''` when none names a field. */
export function formErrors(errors: readonly UserErrorLike[], fallback: string): Record<string, string> {
  const byField = userErrorsByField(errors);
  return Object.keys(byField).length ? byField : { '': fallback };
}
