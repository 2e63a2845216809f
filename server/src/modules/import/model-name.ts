import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { escapeLike, likeCondition } from '../../db/json-filters.js';
import { Model } from '../model/model.entity.js';

const MAX_NAME_LENGTH = 120;

/** "My Model (v2).zip" → "My-Model-v2": letters, digits, dot, dash and underscore only. */
export function modelNameFromFileName(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.zip$/i, '');
  const cleaned = base
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[-.]+$/g, '');
  return cleaned || 'model';
}

/** The first free name among `name`, `name-2`, `name-3`…; the unique index is the final arbiter. */
export async function uniqueModelName(em: EntityManager, name: string): Promise<string> {
  const taken = new Set(
    (
      await em.find(
        Model,
        { $or: [{ name }, likeCondition('name', `${escapeLike(name)}-%`)] } as FilterQuery<Model>,
        {
          fields: ['name'],
        },
      )
    ).map((m) => m.name),
  );
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
