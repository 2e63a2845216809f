import {
  parse,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type Source,
} from 'graphql';

/**
 * Parse and validate once per distinct query text: a fleet of dashboards subscribes with the same few documents,
 * and validating each copy cost more than the rest of a subscribe. Documents are never mutated by graphql-js,
 * so one parsed copy can serve every subscriber. Bounded: the oldest text is forgotten first.
 */
export function createDocumentCache(maxEntries = 500) {
  const parsed = new Map<string, DocumentNode>();
  const validated = new WeakMap<DocumentNode, readonly GraphQLError[]>();
  return {
    parse(source: string | Source): DocumentNode {
      const text = typeof source === 'string' ? source : source.body;
      let document = parsed.get(text);
      if (!document) {
        document = parse(text);
        if (parsed.size >= maxEntries) parsed.delete(parsed.keys().next().value!);
        parsed.set(text, document);
      }
      return document;
    },
    validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] {
      let errors = validated.get(document);
      if (!errors) {
        errors = validate(schema, document);
        validated.set(document, errors);
      }
      return errors;
    },
  };
}
