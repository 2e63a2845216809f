import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum UserErrorCode {
  REQUIRED = 'REQUIRED',
  INVALID = 'INVALID',
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  TOO_MANY = 'TOO_MANY',
  NOT_FOUND = 'NOT_FOUND',
  TAKEN = 'TAKEN',
  INVALID_STATE = 'INVALID_STATE',
  TERMS_NOT_ACCEPTED = 'TERMS_NOT_ACCEPTED',
  UNSUPPORTED = 'UNSUPPORTED',
  IN_USE = 'IN_USE',
  QUOTA_EXCEEDED = 'QUOTA_EXCEEDED',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Machine-readable reason of a user error.',
  valuesConfig: {
    REQUIRED: { description: 'A required value is missing or empty.' },
    INVALID: { description: 'The value is malformed.' },
    OUT_OF_RANGE: { description: 'The number is outside its allowed range.' },
    TOO_MANY: { description: 'The list has more items than allowed.' },
    NOT_FOUND: { description: 'A referenced object does not exist.' },
    TAKEN: { description: 'The name is already used.' },
    INVALID_STATE: { description: 'The object is not in a state that allows this action.' },
    TERMS_NOT_ACCEPTED: { description: 'The terms and conditions must be accepted.' },
    UNSUPPORTED: {
      description: 'The combination is not supported (e.g. optimization of an imported model).',
    },
    IN_USE: { description: 'The object is still used (e.g. a model with active deployments).' },
    QUOTA_EXCEEDED: {
      description:
        "The project's quota (replicas, concurrent deployments or GPUs of a profile) would be exceeded; the message names it.",
    },
  },
});

/** An expected failure of a mutation, reported as data next to the field that caused it (Shopify, Saleor). */
@ObjectType({ description: 'An expected failure of a mutation, pointing at the input field that caused it.' })
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description:
      'Path to the input field, e.g. ["input", "parameters", "temperature"]; null for the whole input.',
  })
  field!: string[] | null;

  @Field(() => String, { description: 'What is wrong and how to fix it.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'Machine-readable reason.' })
  code!: UserErrorCode;
}

export function userError(field: string[] | null, code: UserErrorCode, message: string): UserError {
  return Object.assign(new UserError(), { field, code, message });
}
