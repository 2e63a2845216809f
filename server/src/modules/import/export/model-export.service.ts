import { completeStoredConfig } from '../../../core/deployment-config/deployment-config.js';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { lstat, readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import yazl from 'yazl';
import { fromGlobalId } from '../../../graphql/relay.js';
import { userError, UserErrorCode } from '../../../graphql/user-error.js';
import type { RouteHandler } from '../../../http/http-server.js';
import type { Logger } from '../../../core/logger.js';
import { recordAudit } from '../../audit/audit.service.js';
import { Deployment } from '../../deployment/deployment.entity.js';
import { Model } from '../../model/model.entity.js';
import { ModelStatus } from '../../model/model.enums.js';
import { notFound } from '../../../graphql/errors.js';
import { Role } from '../../user/role.js';
import { requireProjectRole, requireRole, type Viewer } from '../../user/viewer.js';
import type { ExportModelInput } from '../import.inputs.js';
import type { ExportModelPayload } from '../import.views.js';
import { DEPLOY_CONFIG_FILE_NAME, deployConfigProblems, type DeployConfigFile } from '../validation/index.js';
import { signExportToken, verifyExportToken } from './export-link.js';

export const EXPORTS_PATH = '/exports';
const LINK_TTL_MS = 15 * 60 * 1000;

export interface ModelExportDeps {
  orm: MikroORM;
  logger: Logger;
  modelStoreDir: string;
  /** Key signing download links (derived from the server secret). */
  linkKey: Buffer;
  publicUrl: () => string;
}

/**
 * exportModel hands out a short-lived signed link; GET /exports/<token> streams a zip (yazl, file by file, never
 * buffered whole) of the model's folder plus deployconfig.json from its latest deployment, so that re-importing
 * the zip pre-fills the deploy wizard.
 */
export class ModelExportService {
  constructor(private readonly deps: ModelExportDeps) {}

  async exportModel(
    em: EntityManager,
    viewer: Viewer | null,
    input: ExportModelInput,
  ): Promise<ExportModelPayload> {
    const actor = requireRole(viewer, Role.DEPLOYER, 'Exporting a model');
    const { id } = fromGlobalId(input.id, 'Model');
    const model = await em.findOne(Model, { id });
    if (!model) throw notFound('Model', input.id);
    if (model.project)
      requireProjectRole(actor, model.project.id, Role.DEPLOYER, 'Exporting a model', {
        type: 'Model',
        id: input.id,
      });
    if (model.status !== ModelStatus.READY_TO_DEPLOY || !model.storagePath) {
      return {
        url: null,
        expiresAt: null,
        userErrors: [
          userError(
            ['input', 'id'],
            UserErrorCode.INVALID_STATE,
            model.status !== ModelStatus.READY_TO_DEPLOY
              ? `The model is ${model.status}; only imported models (READY_TO_DEPLOY) can be exported.`
              : 'This model has no files on this server (it is pulled by the runtime), so there is nothing to export.',
          ),
        ],
      };
    }
    const expiresAt = new Date(Date.now() + LINK_TTL_MS);
    const token = signExportToken(this.deps.linkKey, { modelId: model.id, expiresAt });
    recordAudit(
      em,
      actor,
      'exportModel',
      { type: 'Model', id: model.globalId, project: model.project?.id ?? null },
      { name: model.name },
    );
    await em.flush();
    return { url: `${this.deps.publicUrl()}${EXPORTS_PATH}/${token}`, expiresAt, userErrors: [] };
  }

  /** The deployconfig.json of a model: its latest deployment, else what its own import suggested. */
  async deployConfigOf(em: EntityManager, model: Model): Promise<DeployConfigFile | null> {
    const latest = await em.findOne(Deployment, { model }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    const candidate: unknown = latest
      ? {
          formatVersion: 1,
          optimization: latest.config.optimization,
          parameters: latest.config.parameters,
          hardwareProfileId: latest.config.hardwareProfileId,
          scaling: completeStoredConfig(latest.config).scaling,
          description: latest.description,
          tags: latest.tags,
        }
      : model.suggestedDeployConfig;
    if (!candidate) return null;
    const problems = deployConfigProblems(candidate);
    if (problems.length) {
      this.deps.logger.warn({ modelId: model.id, problems }, 'deployconfig.json left out of an export');
      return null;
    }
    return candidate as DeployConfigFile;
  }

  readonly route: RouteHandler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url?.split('?')[0] ?? '';
    if (!path.startsWith(`${EXPORTS_PATH}/`)) return false;
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return true;
    }
    const claims = verifyExportToken(
      this.deps.linkKey,
      decodeURIComponent(path.slice(EXPORTS_PATH.length + 1)),
    );
    if (!claims) {
      text(res, 403, 'This export link is invalid or has expired; export the model again for a new link.');
      return true;
    }
    const em = this.deps.orm.em.fork();
    const model = await em.findOne(Model, { id: claims.modelId });
    if (!model?.storagePath) {
      text(res, 404, 'The model no longer exists.');
      return true;
    }
    const mainFile = isAbsolute(model.storagePath)
      ? model.storagePath
      : join(this.deps.modelStoreDir, model.storagePath);
    const folder = dirname(mainFile);
    // A model stored at the root of the store (no folder of its own) exports just its main file.
    const files =
      folder === this.deps.modelStoreDir
        ? [{ abs: mainFile, name: relative(folder, mainFile) }]
        : await listFiles(folder);
    const deployConfig = await this.deployConfigOf(em, model);

    const zip = new yazl.ZipFile();
    for (const file of files) {
      if (file.name === DEPLOY_CONFIG_FILE_NAME) continue;
      // Weights do not compress; storing them keeps the export as fast as a copy.
      zip.addFile(file.abs, `${model.name}/${file.name}`, {
        compress: /\.json$|\.txt$|\.model$/.test(file.name),
      });
    }
    if (deployConfig) {
      zip.addBuffer(
        Buffer.from(JSON.stringify(deployConfig, null, 2) + '\n'),
        `${model.name}/${DEPLOY_CONFIG_FILE_NAME}`,
      );
    }
    zip.end();
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${model.name}.zip"`,
      'cache-control': 'no-store',
    });
    res.on('close', () => {
      if (!res.writableFinished) (zip.outputStream as NodeJS.ReadableStream & { destroy(): void }).destroy();
    });
    zip.outputStream.pipe(res);
    return true;
  };
}

/** Regular files below `root` (symlinks are skipped: an export never follows a link out of the store). */
async function listFiles(root: string): Promise<{ abs: string; name: string }[]> {
  const out: { abs: string; name: string }[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) await walk(abs);
      else if (entry.isFile() && (await lstat(abs)).isFile())
        out.push({ abs, name: relative(root, abs).split(sep).join('/') });
    }
  };
  await walk(root);
  return out;
}

function text(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
}
