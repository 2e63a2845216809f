import { describe, expect, it } from 'vitest';
import { toGrammarSchema, toolCallSchema } from './json-schema-grammar.js';

describe('toGrammarSchema', () => {
  it('turns anyOf into oneOf at every depth, keeping property names that look like keywords', () => {
    const schema = {
      type: 'object',
      properties: {
        anyOf: { type: 'string' },
        id: {
          anyOf: [
            { type: 'integer' },
            { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
          ],
        },
      },
    };
    expect(toGrammarSchema(schema)).toEqual({
      type: 'object',
      properties: {
        anyOf: { type: 'string' },
        id: {
          oneOf: [
            { type: 'integer' },
            { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'null' }] } },
          ],
        },
      },
    });
  });

  it('moves definitions to $defs and rewrites their refs', () => {
    expect(
      toGrammarSchema({ definitions: { pet: { anyOf: [{ const: 'cat' }] } }, $ref: '#/definitions/pet' }),
    ).toEqual({ $defs: { pet: { oneOf: [{ const: 'cat' }] } }, $ref: '#/$defs/pet' });
  });
});

describe('toolCallSchema', () => {
  it('describes a call to one of the tools with that tool’s arguments', () => {
    const schema = toolCallSchema([
      { name: 'a', parameters: { type: 'object', properties: { x: { anyOf: [{ type: 'number' }] } } } },
      { name: 'b' },
    ]);
    expect(schema).toEqual({
      oneOf: [
        {
          type: 'object',
          properties: {
            name: { const: 'a' },
            arguments: { type: 'object', properties: { x: { oneOf: [{ type: 'number' }] } } },
          },
          required: ['name', 'arguments'],
        },
        {
          type: 'object',
          properties: { name: { const: 'b' }, arguments: { type: 'object', properties: {} } },
          required: ['name', 'arguments'],
        },
      ],
    });
  });
});
