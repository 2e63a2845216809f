import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot });

/** Lints one import as if it stood in a file of `folder`, and returns the floor rule's messages. */
async function floorErrors(folder: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, {
    filePath: join(srcDir, folder, 'floor-probe.ts'),
  });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the floors of server/src point one way', () => {
  const upward: [string, string][] = [
    ['core', '../db/orm.js'],
    ['core/deployment-config', '../../modules/deployment/deployment.entity.js'],
    ['core', '../app/config.js'],
    ['gateway', '../modules/serving/serving.js'],
    ['runtime/local', '../../modules/demo-model/demo-model.js'],
    ['graphql', '../app/resolvers.js'],
    ['db', '../modules/model/model.entity.js'],
    ['http', '../app/routes.js'],
    ['modules/deployment', '../../app/services.js'],
  ];
  it.each(upward)('lint refuses an import in %s of %s', async (folder, specifier) => {
    const errors = await floorErrors(folder, specifier);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/the floors point one way/);
  });

  const downward: [string, string][] = [
    ['gateway', '../core/deployment-config/deployment-config.js'],
    ['runtime/nomad', '../../core/hardware-profile.js'],
    ['modules/deployment', '../../graphql/relay.js'],
    ['modules/deployment', '../model/model.entity.js'],
    ['app', '../modules/model/model.entity.js'],
    ['app', '../db/orm.js'],
  ];
  it.each(downward)('lint allows an import in %s of %s', async (folder, specifier) => {
    expect(await floorErrors(folder, specifier)).toEqual([]);
  });
});

describe('files stay small', () => {
  it('no hand-written file in server/src has more than 400 lines (generated ones live under generated/)', () => {
    const tooLong: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'generated') walk(path);
        } else if (/\.(ts|mjs)$/.test(entry.name)) {
          const lines = readFileSync(path, 'utf8').split('\n').length;
          if (lines > 400) tooLong.push(`${relative(srcDir, path)} (${lines} lines)`);
        }
      }
    };
    walk(srcDir);
    expect(tooLong).toEqual([]);
  });
});
