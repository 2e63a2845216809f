import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  getIntrospectionQuery,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/app/config.js';
import { printableSchema } from '../src/app/print-schema.js';
import { createOperationGuard, type OperationGuard } from '../src/graphql/operation-limits.js';

const operationsDir = fileURLToPath(new URL('../../schema/operations/', import.meta.url));

describe('the default operation limits', () => {
  let schema: GraphQLSchema;
  let guard: OperationGuard;
  const limits = configFromEnv({}).operationLimits;

  beforeAll(async () => {
    schema = await printableSchema();
    guard = createOperationGuard(schema, limits);
  });

  const check = (source: string) => {
    const document = parse(source, guard.apollo.parseOptions);
    return validate(schema, document, [...specifiedRules, ...guard.apollo.validationRules]).map((e) => ({
      message: e.message,
      code: e.extensions.code,
    }));
  };

  const files = readdirSync(operationsDir).filter((f) => f.endsWith('.graphql'));
  // A file may spread a fragment another file defines (a shared meter's fields): the client sends the operation
  // with every fragment it reaches, as the generated documents hold them, so the check does too.
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const file of files)
    for (const definition of parse(readFileSync(`${operationsDir}${file}`, 'utf8')).definitions)
      if (definition.kind === 'FragmentDefinition') fragments.set(definition.name.value, definition);
  const withReachedFragments = (source: string) => {
    const defined = new Set<string>();
    const wanted: string[] = [];
    const spreads = (node: Parameters<typeof visit>[0]) =>
      visit(node, {
        FragmentDefinition: (f) => void defined.add(f.name.value),
        FragmentSpread: (spread) => void wanted.push(spread.name.value),
      });
    spreads(parse(source));
    const added: string[] = [];
    for (let name = wanted.shift(); name !== undefined; name = wanted.shift()) {
      const fragment = fragments.get(name);
      if (defined.has(name) || !fragment) continue;
      defined.add(name);
      added.push(print(fragment));
      spreads(fragment);
    }
    return [source, ...added].join('\n');
  };

  it.each(files)('let every operation of the components in %s through', (file) => {
    const source = readFileSync(`${operationsDir}${file}`, 'utf8');
    expect(check(withReachedFragments(source))).toEqual([]);
  });

  it('let graphql-js’s own introspection query through (the limits do not count __schema)', () => {
    expect(check(getIntrospectionQuery())).toEqual([]);
  });

  it('refuse one document over several limits with each limit’s code', () => {
    const aliases = Array.from({ length: limits.maxAliases + 1 }, (_, i) => `a${i}: catalog { id }`).join(
      ' ',
    );
    const deep = `models { nodes { ${'deployments { model { '.repeat(6)}name${' } }'.repeat(6)} } }`;
    const codes = check(`{ ${aliases} ${deep} }`).map((e) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['TOO_MANY_ALIASES', 'QUERY_TOO_DEEP']));
  });

  it('walk each fragment once however often it is spread: a 40-deep doubling chain (2^40 paths) is refused', () => {
    const chain = Array.from({ length: 40 }, (_, i) =>
      i === 39
        ? `fragment F${i} on Query { catalog { id } }`
        : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    // 2^40 paths: a rule that re-walked fragments at every spread would never return.
    expect(check(`query { ...F0 }\n${chain}`).map((e) => e.code)).toEqual(['QUERY_TOO_COMPLEX']);
  });
});
