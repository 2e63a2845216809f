import { Entity, PrimaryKey, PrimaryKeyProp, Property, type Opt } from '@mikro-orm/core';

/**
 * The 80 % warning of one budget in one month, claimed by inserting this row: the primary key lets exactly one
 * instance of the fleet win, so the event, the audit line and the webhook go out once however many instances saw
 * the budget cross. Its existence is `ApiKeyBudget.warned`.
 */
@Entity({ tableName: 'budget_warnings' })
export class BudgetWarning {
  [PrimaryKeyProp]?: ['subjectKind', 'subjectId', 'periodStart'];

  /** `apiKey` (a project budget will be `project`). */
  @PrimaryKey({ type: 'string', length: 16 })
  subjectKind!: string;

  @PrimaryKey({ type: 'string', length: 64 })
  subjectId!: string;

  /** The month's first minute since the epoch (UTC). */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  periodStart!: number;

  /** Tokens used when the warning fired, and the budget then. */
  @Property({ type: 'double' })
  usedTokens!: number;

  @Property({ type: 'double' })
  budget!: number;

  @Property({ type: 'datetime' })
  at: Opt<Date> = new Date();
}
