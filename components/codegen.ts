import type { CodegenConfig } from '@graphql-codegen/cli';

// schema/schema.graphql is emitted from the server code and committed; the operations are ours.
const schema = '../schema/schema.graphql';

const config: CodegenConfig = {
  schema,
  documents: ['../schema/operations/*.graphql'],
  ignoreNoDocuments: false,
  // The generated files are committed (so `tsc -b` works on a fresh clone) and pass the repo's prettier check.
  hooks: { afterAllFileWrite: ['prettier --write'] },
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        scalars: {
          DateTimeISO: 'string',
          DateTime: 'string',
          JSON: 'unknown',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
