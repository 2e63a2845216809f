import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { DEMO_MODEL_FILE_NAME } from '../src/modules/demo-model/demo-model.js';
import { descendants } from './crash-walk.harness.js';
import { useCrashWalk } from './crash-walk.walk.js';
import { waitFor } from './harness.js';

// SIGKILL of the real server at every point of a deployment's lifecycle (the checks after each restart are in
// crash-walk.walk.ts). Quantization, autoscaling, double crashes and imports are walked in crash-walk.jobs.test.ts.
describe('crash walk: SIGKILL of the server across deploy, redeploy, rollback, undeploy, retrigger and delete', () => {
  const { walk, mutate, fire, deploy, byName, undeployIfActive, until, killPoint, T, rows } =
    useCrashWalk('lifecycle');

  it(
    'deploy: mutation answered, replicas starting',
    () =>
      killPoint('deploy: mutation answered, replicas starting', async () => {
        await deploy('walk-a');
      }),
    T,
  );

  it(
    'deploy: replica process loading the model',
    () =>
      killPoint('deploy: replica process loading the model', async () => {
        await deploy('walk-b');
        await waitFor(
          async () => (await descendants(walk.server!.child.pid!)).length > 0,
          30_000,
          'a replica process',
        );
      }),
    T,
  );

  it(
    'deploy: request in flight',
    () =>
      killPoint('deploy: request in flight', async () => {
        fire('deployModel', 'DeployModelInput', {
          modelId: walk.demoModelId,
          name: 'walk-g',
          hardwareProfileId: 'local-cpu',
          acceptTerms: true,
        });
        await new Promise((r) => setTimeout(r, 40));
      }),
    T,
  );

  it('deployed: steady state', () => killPoint('deployed: steady state', async () => {}), T);

  it(
    'redeploy: mutation answered (v2 starting, v1 serving)',
    () =>
      killPoint('redeploy: mutation answered (v2 starting, v1 serving)', async () => {
        await mutate('redeployDeployment', 'RedeployDeploymentInput', {
          id: (await byName('walk-a')).id,
          parameters: { temperature: 0.5 },
        });
      }),
    T,
  );

  it(
    'redeploy: new version ready, old one stopping',
    () =>
      killPoint('redeploy: new version ready, old one stopping', async () => {
        const a = await byName('walk-a');
        await mutate('redeployDeployment', 'RedeployDeploymentInput', {
          id: a.id,
          parameters: { temperature: 0.6 },
        });
        await until(
          'walk-a',
          (r) => r.status === 'DEPLOYED' && r.currentVersion === a.currentVersion + 1,
          'the new version',
        );
      }),
    T,
  );

  it(
    'redeploy: request in flight',
    () =>
      killPoint('redeploy: request in flight', async () => {
        fire('redeployDeployment', 'RedeployDeploymentInput', {
          id: (await byName('walk-a')).id,
          parameters: { temperature: 0.7 },
        });
        await new Promise((r) => setTimeout(r, 40));
      }),
    T,
  );

  it(
    'redeploy while v1 is still DEPLOYING',
    () =>
      killPoint('redeploy while v1 is still DEPLOYING', async () => {
        const id = await deploy('walk-c');
        await mutate('redeployDeployment', 'RedeployDeploymentInput', {
          id,
          parameters: { temperature: 0.4 },
        });
      }),
    T,
  );

  it(
    'rollback: mutation answered',
    () =>
      killPoint('rollback: mutation answered', async () => {
        await mutate('rollbackDeployment', 'RollbackDeploymentInput', {
          id: (await byName('walk-a')).id,
          version: 1,
        });
      }),
    T,
  );

  it(
    'rollback: rolled-back version deployed',
    () =>
      killPoint('rollback: rolled-back version deployed', async () => {
        const a = await byName('walk-a');
        await mutate('rollbackDeployment', 'RollbackDeploymentInput', { id: a.id, version: 2 });
        await until(
          'walk-a',
          (r) => r.status === 'DEPLOYED' && r.currentVersion === a.currentVersion + 1,
          'the rollback',
        );
      }),
    T,
  );

  it(
    'undeploy: request in flight',
    () =>
      killPoint('undeploy: request in flight', async () => {
        fire('undeployDeployment', 'UndeployDeploymentInput', { id: (await byName('walk-c')).id });
        await new Promise((r) => setTimeout(r, 30));
      }),
    T,
  );

  it(
    'undeploy: status flipped, replicas draining',
    () =>
      killPoint('undeploy: status flipped, replicas draining', async () => {
        const b = await byName('walk-b');
        fire('undeployDeployment', 'UndeployDeploymentInput', { id: b.id });
        await until('walk-b', (r) => r.status === 'UNDEPLOYED', 'the undeploy to start');
      }),
    T,
  );

  it(
    'undeploy: answered',
    () =>
      killPoint('undeploy: answered', async () => {
        const c = await byName('walk-c');
        if (c.status !== 'UNDEPLOYED')
          await mutate('undeployDeployment', 'UndeployDeploymentInput', { id: c.id });
        await undeployIfActive('walk-g');
      }),
    T,
  );

  it(
    'retrigger of an UNDEPLOYED deployment: mutation answered',
    () =>
      killPoint('retrigger of an UNDEPLOYED deployment: mutation answered', async () => {
        await mutate('retriggerDeployment', 'RetriggerDeploymentInput', { id: (await byName('walk-b')).id });
      }),
    T,
  );

  it(
    'retrigger of a saved deployment (READY_TO_DEPLOY): mutation answered',
    () =>
      killPoint('retrigger of a saved deployment (READY_TO_DEPLOY): mutation answered', async () => {
        const id = await deploy('walk-d', { startNow: false });
        await mutate('retriggerDeployment', 'RetriggerDeploymentInput', { id });
      }),
    T,
  );

  it(
    'retrigger of a FAILED redeploy whose previous version still serves',
    () =>
      killPoint('retrigger of a FAILED redeploy whose previous version still serves', async () => {
        await undeployIfActive('walk-b');
        const d = await until('walk-d', (r) => r.status === 'DEPLOYED', 'walk-d deployed');
        const modelFile = join(walk.dataDir, 'models', 'demo', DEMO_MODEL_FILE_NAME);
        await rename(modelFile, `${modelFile}.away`);
        try {
          await mutate('redeployDeployment', 'RedeployDeploymentInput', {
            id: d.id,
            parameters: { temperature: 0.2 },
          });
          await until('walk-d', (r) => r.status === 'FAILED', 'the failed redeploy');
        } finally {
          await rename(`${modelFile}.away`, modelFile);
        }
        await mutate('retriggerDeployment', 'RetriggerDeploymentInput', { id: d.id });
      }),
    T,
  );

  it(
    'undeploy of a FAILED redeploy still serving: request in flight',
    () =>
      killPoint('undeploy of a FAILED redeploy still serving: request in flight', async () => {
        const d = await byName('walk-d');
        const modelFile = join(walk.dataDir, 'models', 'demo', DEMO_MODEL_FILE_NAME);
        await rename(modelFile, `${modelFile}.away`);
        try {
          await mutate('redeployDeployment', 'RedeployDeploymentInput', {
            id: d.id,
            parameters: { temperature: 0.3 },
          });
          await until('walk-d', (r) => r.status === 'FAILED', 'the failed redeploy');
        } finally {
          await rename(`${modelFile}.away`, modelFile);
        }
        fire('undeployDeployment', 'UndeployDeploymentInput', { id: d.id });
        await new Promise((r) => setTimeout(r, 30));
      }),
    T,
  );

  it(
    'delete: request in flight',
    () =>
      killPoint('delete: request in flight', async () => {
        const d = await byName('walk-d');
        if (d.status !== 'UNDEPLOYED')
          await mutate('undeployDeployment', 'UndeployDeploymentInput', { id: d.id });
        fire('deleteDeployment', 'DeleteDeploymentInput', { id: d.id });
        await new Promise((r) => setTimeout(r, 20));
        return { gone: ['walk-d'] };
      }),
    T,
  );

  it(
    'delete: answered',
    () =>
      killPoint('delete: answered', async () => {
        const id = await deploy('walk-e', { startNow: false });
        await mutate('deleteDeployment', 'DeleteDeploymentInput', { id });
        const d = (await rows()).find((r) => r.name === 'walk-d');
        if (d) await mutate('deleteDeployment', 'DeleteDeploymentInput', { id: d.id });
        return { gone: ['walk-d', 'walk-e'] };
      }),
    T,
  );
});
