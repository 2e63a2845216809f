/**
 * The hostile documents of the hardening issue (#17), each with the refusal it must get. Shared by the abuse test
 * (status and code) and `bench/abuse` (time and memory).
 */
export interface AbuseDocument {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** `extensions.code` of the refusal. */
  code: string;
  /** HTTP status of the refusal (default 400). */
  status?: number;
  message: RegExp;
  /** Also sent over graphql-ws (documents whose refusal does not depend on HTTP). */
  overWebSocket?: boolean;
}

/** `fragment F0 … { …F1 …F1 }` and so on: each fragment spreads the next one twice. */
function doublingChain(length: number, leaf: string, prefix = 'F'): string {
  const fragments: string[] = [];
  for (let i = 0; i < length; i++) {
    const body = i === length - 1 ? leaf : `...${prefix}${i + 1} ...${prefix}${i + 1}`;
    fragments.push(`fragment ${prefix}${i} on Query { ${body} }`);
  }
  return fragments.join('\n');
}

function aliases(count: number, field: string): string {
  return `query { ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

const PLAN = 'planDeployment(input: { hardwareProfileId: "local-cpu" }) { fits }';

export const ABUSE_DOCUMENTS: AbuseDocument[] = [
  {
    name: 'a chain of 22 fragments, each spreading the next twice',
    query: `query { ...F0 }\n${doublingChain(22, 'catalog { id }')}`,
    code: 'QUERY_TOO_COMPLEX',
    message: /Query Cost limit of \d+ exceeded.*HANGAR_MAX_COMPLEXITY/,
    overWebSocket: true,
  },
  {
    name: 'a 300-fragment document',
    query: `query { ...F0 }\n${doublingChain(300, 'catalog { id }')}`,
    code: 'TOO_MANY_TOKENS',
    message: /more than 3000 tokens/,
    overWebSocket: true,
  },
  {
    name: 'an expensive query hidden behind a 14-fragment chain',
    query: `query { ...C0 }\n${doublingChain(
      14,
      'models(first: 100) { nodes { deployments { versions { deployedBy { name } } model { deployments { name } } } } }',
      'C',
    )}`,
    code: 'QUERY_TOO_COMPLEX',
    message: /Query Cost limit/,
  },
  {
    name: 'an expensive query without fragments',
    query: `{ models(first: 100) { nodes { deployments { versions { deployedBy { name } } model { deployments { name } } } } } }`,
    code: 'QUERY_TOO_COMPLEX',
    message: /Query Cost limit/,
  },
  {
    name: 'a query nested 15 levels deep',
    query: `{ models { nodes { ${'deployments { model { '.repeat(6)}name${' } }'.repeat(6)} } } }`,
    code: 'QUERY_TOO_DEEP',
    message: /Query depth limit of 12 exceeded, found 15.*HANGAR_MAX_DEPTH/,
  },
  {
    name: '2 000 aliases of catalog',
    query: aliases(2000, 'catalog { id }'),
    code: 'TOO_MANY_TOKENS',
    message: /more than 3000 tokens \(HANGAR_MAX_TOKENS\)/,
  },
  {
    name: '2 000 aliases of __schema',
    query: aliases(2000, '__schema { types { name } }'),
    code: 'TOO_MANY_TOKENS',
    message: /tokens/,
  },
  {
    name: '2 000 aliases of planDeployment',
    query: aliases(2000, PLAN),
    code: 'TOO_MANY_TOKENS',
    message: /tokens/,
  },
  {
    name: '2 000 aliases of auditEvents(last: 1000)',
    query: aliases(2000, 'auditEvents(last: 1000) { action }'),
    code: 'TOO_MANY_TOKENS',
    message: /tokens/,
    overWebSocket: true,
  },
  {
    name: '31 aliases of planDeployment (under the token limit)',
    query: aliases(31, PLAN),
    code: 'TOO_MANY_ALIASES',
    message: /Aliases limit of 30 exceeded, found 31.*HANGAR_MAX_ALIASES/,
    overWebSocket: true,
  },
  {
    name: '31 directives',
    query: `{ catalog { id ${'@include(if: true) '.repeat(31)} } }`,
    code: 'TOO_MANY_DIRECTIVES',
    message: /Directives limit of 30 exceeded/,
  },
  {
    // ~1 MB of JSON: refused before it is parsed.
    name: 'a 100 000-element tag filter',
    query: 'query($f: ModelFilter) { models(filter: $f) { totalCount } }',
    variables: { f: { tags: Array.from({ length: 100_000 }, (_, i) => `t${i}`) } },
    status: 413,
    code: 'REQUEST_TOO_LARGE',
    message: /The request body is over 512 KB/,
  },
  {
    name: 'a 1 000-element tag filter',
    query: 'query($f: ModelFilter) { models(filter: $f) { totalCount } }',
    variables: { f: { tags: Array.from({ length: 1000 }, (_, i) => `t${i}`) } },
    code: 'LIST_TOO_LONG',
    message: /models\(filter\)\.tags has 1000 items; the limit is 100/,
    overWebSocket: true,
  },
  {
    name: 'a 1.9 MB access-token name',
    query: 'mutation($i: CreateAccessTokenInput!) { createAccessToken(input: $i) { token } }',
    variables: { i: { name: 'n'.repeat(1_900_000) } },
    status: 413,
    code: 'REQUEST_TOO_LARGE',
    message: /The request body is over 512 KB/,
  },
  {
    name: 'a 100 000-character access-token name',
    query: 'mutation($i: CreateAccessTokenInput!) { createAccessToken(input: $i) { token } }',
    variables: { i: { name: 'n'.repeat(100_000) } },
    code: 'STRING_TOO_LONG',
    message: /createAccessToken\(input\)\.name is 100000 characters long; the limit is 200/,
    overWebSocket: true,
  },
  {
    name: 'a 300 000-character model description',
    query: 'mutation($i: UpdateModelInput!) { updateModel(input: $i) { userErrors { code } } }',
    variables: { i: { id: 'TW9kZWw6eA', description: 'd'.repeat(300_000) } },
    code: 'STRING_TOO_LONG',
    message: /the limit is 10000/,
  },
  {
    name: 'a page of 100 000 models',
    // A variable: the cost estimate counts literal page sizes only, so this reaches the page-size check.
    query: 'query($n: Int) { models(first: $n) { totalCount } }',
    variables: { n: 100_000 },
    code: 'PAGE_SIZE_OUT_OF_RANGE',
    message: /ask for 0 to 100 items/,
  },
];
