import type { MikroORM } from '@mikro-orm/core';
import { Server as TusServer } from '@tus/server';
import { EVENTS, type Upload } from '@tus/utils';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { unauthenticated } from '../../graphql/errors.js';
import type { RouteHandler } from '../../http/http-server.js';
import type { Logger } from '../../core/logger.js';
import type { Authenticator } from '../user/authenticator.js';
import { Role, roleAtLeast } from '../user/role.js';
import type { Viewer } from '../user/viewer.js';
import { SplitUploadStore } from './upload-store/split-upload.store.js';
import { checkArchiveFileName } from './validation/index.js';

export const UPLOADS_PATH = '/uploads';
/** Upload metadata key naming the user who created the upload; set by the server, never by the client. */
export const UPLOAD_OWNER_KEY = 'hangarUserId';
/** Who sent each request, for the tus hooks (which see only tus's own request wrapper). */
const viewers = new WeakMap<IncomingMessage, Viewer>();

function viewerOf(req: unknown): Viewer | undefined {
  const node = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
  return node ? viewers.get(node) : undefined;
}

/** The file name a client declared (`filename`, as tus-js-client and Uppy send it, or `name`). */
export function uploadFileName(upload: Pick<Upload, 'metadata'>): string | undefined {
  return upload.metadata?.filename ?? upload.metadata?.name ?? undefined;
}

export interface UploadRouteOptions {
  orm: MikroORM;
  authenticator: Authenticator;
  directory: string;
  maxUploadBytes: number;
  /** Cross-origin browser pages allowed to upload; without it tus would answer every origin with `*`. */
  allowedOrigins: (origin: string) => boolean;
  logger: Logger;
  onProgress(uploadId: string, offset: number): Promise<void>;
  onFinished(uploadId: string): Promise<void>;
}

export interface UploadRoute {
  store: SplitUploadStore;
  route: RouteHandler;
  close(): void;
}

/** Uploads nobody finished or imported are removed after this long (resuming stays possible until then). */
const UPLOAD_EXPIRY_MS = 7 * 24 * 3600 * 1000;

/**
 * Resumable uploads (tus 1.0) under /uploads on the API's own HTTP server. Every request needs a DEPLOYER bearer
 * token; an upload is visible only to the user who created it. Refused at creation: a missing or non-.zip file
 * name (400), a declared size above HANGAR_MAX_UPLOAD_BYTES (413). Downloads (GET) are not offered.
 */
export function createUploadRoute(options: UploadRouteOptions): UploadRoute {
  const store = new SplitUploadStore({
    directory: options.directory,
    expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS,
  });
  const tus = new TusServer({
    path: UPLOADS_PATH,
    datastore: store,
    maxSize: options.maxUploadBytes,
    allowedOrigins: options.allowedOrigins,
    relativeLocation: true,
    postReceiveInterval: 250,
    onUploadCreate: async (req, upload) => {
      const name = uploadFileName(upload);
      const check = checkArchiveFileName(name ?? '');
      if (!check.ok) {
        throw {
          status_code: 400,
          body: name
            ? check.message
            : 'Upload-Metadata must carry the file name ("filename"), e.g. model.zip.',
        };
      }
      const owner = viewerOf(req);
      if (!owner) throw { status_code: 401, body: 'Authentication required.' };
      return { metadata: { ...upload.metadata, [UPLOAD_OWNER_KEY]: owner.user.id } };
    },
    onIncomingRequest: async (req, uploadId) => {
      if (req.method === 'POST' || req.method === 'OPTIONS') return;
      const viewer = viewerOf(req);
      if (!viewer) throw { status_code: 401, body: 'Authentication required.' };
      let upload: Upload;
      try {
        upload = await store.getUpload(uploadId);
      } catch {
        throw {
          status_code: 404,
          body: 'The upload was not found; it may have been imported, cancelled or removed.\n',
        };
      }
      if (viewer.role !== Role.ADMIN && upload.metadata?.[UPLOAD_OWNER_KEY] !== viewer.user.id) {
        throw { status_code: 404, body: 'The upload was not found.\n' };
      }
    },
  });
  tus.on(EVENTS.POST_RECEIVE, (_req, upload) => {
    void options
      .onProgress(upload.id, upload.offset)
      .catch((error: unknown) => options.logger.warn({ err: error }, 'could not record upload progress'));
  });
  tus.on(EVENTS.POST_FINISH, (_req, _res, upload) => {
    void options
      .onFinished(upload.id)
      .catch((error: unknown) => options.logger.error({ err: error }, 'could not start an import'));
  });

  const route: RouteHandler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url?.split('?')[0] ?? '';
    if (path !== UPLOADS_PATH && !path.startsWith(`${UPLOADS_PATH}/`)) return false;
    if (req.method === 'GET') {
      plain(res, 405, 'Uploads cannot be downloaded.');
      return true;
    }
    if (req.method !== 'OPTIONS') {
      try {
        const viewer = await options.authenticator.authenticate(
          options.orm.em.fork(),
          req.headers.authorization,
        );
        if (!viewer) throw unauthenticated('Uploading needs a bearer token (Authorization: Bearer <token>).');
        if (!roleAtLeast(viewer.role, Role.DEPLOYER)) {
          plain(res, 403, 'Uploading a model needs the DEPLOYER role.');
          return true;
        }
        viewers.set(req, viewer);
      } catch (error) {
        plain(res, 401, (error as Error).message);
        return true;
      }
    }
    await tus.handle(req, res);
    const id = path.slice(UPLOADS_PATH.length + 1);
    if (req.method === 'PATCH' && /^[A-Za-z0-9_-]{1,128}$/.test(id)) {
      // tus's progress event is throttled and dropped when a PATCH ends (done or cut off): report where it ended.
      void store
        .getUpload(id)
        .then((upload) => options.onProgress(upload.id, upload.offset))
        .catch(() => undefined);
    }
    return true;
  };
  const sweeper = setInterval(() => {
    tus
      .cleanUpExpiredUploads()
      .catch((error: unknown) => options.logger.warn({ err: error }, 'could not remove expired uploads'));
  }, 3600 * 1000);
  sweeper.unref();
  return { store, route, close: () => clearInterval(sweeper) };
}

function plain(res: ServerResponse, status: number, message: string): void {
  res
    .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'tus-resumable': '1.0.0' })
    .end(message);
}
