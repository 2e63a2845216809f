import {
  GraphQLError,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { MAX_PAGE_SIZE, MAX_PAGE_SIZE_EXTENSION } from './connection.js';

/**
 * Bounds on what an operation may send: every string, every list and every page size. Checked before execution,
 * so a 1.9 MB name or a 100 000-element tag filter never reaches a service or the database.
 */
export interface InputLimits {
  /** Characters of any string input without a tighter limit below (descriptions). */
  maxStringLength: number;
  /** Characters by input field or argument name (`name` → 200 matches the 200-character columns). */
  maxStringLengthByName: Record<string, number>;
  /** Items of any list input (tags, filters, stop sequences). */
  maxListLength: number;
}

/** Codes of refused inputs (HTTP 400), next to the operation-limit codes. */
export const INPUT_LIMIT_CODES = [
  'STRING_TOO_LONG',
  'LIST_TOO_LONG',
  'PAGE_SIZE_OUT_OF_RANGE',
  'INVALID_CHARACTER',
];

const PAGE_SIZE_ARGUMENTS = new Set(['first', 'last']);

function refusal(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/**
 * Walks every argument of the document once (fragments are definitions, so each is walked once however often it
 * is spread) and returns the first input over a limit, or null. Variables are checked where they are used, so the
 * limit of the field they land in applies.
 */
export function findInputOverLimit(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  limits: InputLimits,
): GraphQLError | null {
  const typeInfo = new TypeInfo(schema);
  let found: GraphQLError | null = null;

  const checkString = (value: string, name: string, path: string): GraphQLError | null => {
    const max = limits.maxStringLengthByName[name] ?? limits.maxStringLength;
    if (value.length > max) {
      return refusal('STRING_TOO_LONG', `${path} is ${value.length} characters long; the limit is ${max}.`);
    }
    // PostgreSQL text cannot hold NUL, and no name or description needs one.
    if (value.includes('\u0000')) {
      return refusal('INVALID_CHARACTER', `${path} contains a NUL character (\\u0000); remove it.`);
    }
    return null;
  };

  const checkListLength = (length: number, path: string): GraphQLError | null =>
    length > limits.maxListLength
      ? refusal('LIST_TOO_LONG', `${path} has ${length} items; the limit is ${limits.maxListLength}.`)
      : null;

  /** A JSON value (variables) against the input type it lands in. */
  const checkValue = (
    value: unknown,
    type: GraphQLInputType,
    name: string,
    path: string,
  ): GraphQLError | null => {
    if (value === null || value === undefined) return null;
    const inner = type instanceof GraphQLNonNull ? type.ofType : type;
    if (inner instanceof GraphQLList) {
      // A single value stands for a one-item list (GraphQL's input coercion).
      const items = Array.isArray(value) ? value : [value];
      const tooLong = checkListLength(items.length, path);
      if (tooLong) return tooLong;
      for (let i = 0; i < items.length; i++) {
        const error = checkValue(items[i], inner.ofType, name, `${path}[${i}]`);
        if (error) return error;
      }
      return null;
    }
    if (inner instanceof GraphQLInputObjectType) {
      if (typeof value !== 'object' || Array.isArray(value)) return null;
      const fields = inner.getFields();
      for (const [key, fieldValue] of Object.entries(value as Record<string, unknown>)) {
        const field = fields[key];
        if (!field) continue; // coercion refuses unknown fields with a clear message
        const error = checkValue(fieldValue, field.type, key, `${path}.${key}`);
        if (error) return error;
      }
      return null;
    }
    if (inner instanceof GraphQLScalarType) return checkAnyJson(value, name, path);
    return null;
  };

  /** Custom scalars (JSON, dates) and strings: any string or array inside is bounded too. */
  const checkAnyJson = (value: unknown, name: string, path: string): GraphQLError | null => {
    if (typeof value === 'string') return checkString(value, name, path);
    if (Array.isArray(value)) {
      const tooLong = checkListLength(value.length, path);
      if (tooLong) return tooLong;
      for (let i = 0; i < value.length; i++) {
        const error = checkAnyJson(value[i], name, `${path}[${i}]`);
        if (error) return error;
      }
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const error = checkAnyJson(item, key, `${path}.${key}`);
        if (error) return error;
      }
    }
    return null;
  };

  /** A literal in the document against its input type. */
  const checkLiteral = (
    node: ValueNode,
    type: GraphQLInputType,
    name: string,
    path: string,
  ): GraphQLError | null => {
    if (node.kind === Kind.VARIABLE) return checkValue(variables?.[node.name.value], type, name, path);
    const inner = type instanceof GraphQLNonNull ? type.ofType : type;
    if (inner instanceof GraphQLList) {
      if (node.kind !== Kind.LIST) return checkLiteral(node, inner.ofType, name, path);
      const tooLong = checkListLength(node.values.length, path);
      if (tooLong) return tooLong;
      for (let i = 0; i < node.values.length; i++) {
        const error = checkLiteral(node.values[i]!, inner.ofType, name, `${path}[${i}]`);
        if (error) return error;
      }
      return null;
    }
    if (inner instanceof GraphQLInputObjectType && node.kind === Kind.OBJECT) {
      const fields = inner.getFields();
      for (const field of node.fields) {
        const def = fields[field.name.value];
        if (!def) continue;
        const error = checkLiteral(field.value, def.type, field.name.value, `${path}.${field.name.value}`);
        if (error) return error;
      }
      return null;
    }
    if (node.kind === Kind.STRING) return checkString(node.value, name, path);
    return null;
  };

  // The field's own maximum (its `pageSizeExtensions`), the one its resolver clamps to; refusing here tells the client.
  const checkPageSize = (node: ValueNode, max: number, path: string): GraphQLError | null => {
    const raw =
      node.kind === Kind.VARIABLE
        ? variables?.[node.name.value]
        : node.kind === Kind.INT
          ? Number(node.value)
          : null;
    if (typeof raw !== 'number') return null;
    if (raw < 0 || raw > max) {
      return refusal('PAGE_SIZE_OUT_OF_RANGE', `${path} is ${raw}; ask for 0 to ${max} items per page.`);
    }
    return null;
  };

  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        if (found) return false;
        const argument = typeInfo.getArgument();
        if (!argument) return false; // unknown arguments are refused by validation
        const field = typeInfo.getFieldDef();
        const path = `${field?.name ?? 'directive'}(${argument.name})`;
        if (PAGE_SIZE_ARGUMENTS.has(argument.name) && field) {
          const declared = field.extensions?.[MAX_PAGE_SIZE_EXTENSION];
          found = checkPageSize(node.value, typeof declared === 'number' ? declared : MAX_PAGE_SIZE, path);
        }
        found ??= checkLiteral(node.value, argument.type, argument.name, path);
        return false;
      },
    }),
  );
  return found;
}
