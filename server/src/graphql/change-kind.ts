import { registerEnumType } from 'type-graphql';

/** What happened to the object an event names; lists add and drop rows by it. */
export enum ChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}

registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'What happened to an object of a live list.',
  valuesConfig: {
    CREATED: { description: 'It was added: lists insert it.' },
    UPDATED: { description: 'Its state changed.' },
    DELETED: { description: 'It was deleted: lists drop it.' },
  },
});

/** Events collapsed by the live fan-out keep what a list needs: a creation stays one, a deletion wins. */
export function mergeChange(earlier: ChangeKind | undefined, later: ChangeKind | undefined): ChangeKind {
  if (later === ChangeKind.DELETED || earlier === ChangeKind.DELETED) return ChangeKind.DELETED;
  if (earlier === ChangeKind.CREATED || later === ChangeKind.CREATED) return ChangeKind.CREATED;
  return ChangeKind.UPDATED;
}
