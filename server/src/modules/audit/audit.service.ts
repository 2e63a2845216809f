import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../user/viewer.js';
import { AuditEvent } from './audit-event.entity.js';

/**
 * Records who did what to which object. Call inside the same unit of work as the change, before flush.
 * `target.project` is the project acted in (its id): the line shows in that project's audit log only; null for
 * instance-level actions (users, projects), which only instance ADMINs read.
 */
export function recordAudit(
  em: EntityManager,
  viewer: Viewer | null,
  action: string,
  target: { type: string; id?: string | null; project: string | null },
  details?: Record<string, unknown>,
): void {
  em.create(AuditEvent, {
    actorId: viewer?.user.id ?? null,
    actorName: viewer?.user.name ?? 'system',
    action,
    project: target.project,
    targetType: target.type,
    targetId: target.id ?? null,
    details: details ?? null,
    at: new Date(),
  });
}
