import { hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The server's master secret: HANGAR_SECRET_KEY (32 bytes as hex or base64), or `<dataDir>/secret.key` generated
 * on first start with mode 0600. Purpose-specific keys are derived from it (HKDF) so that one leak of a derived
 * key (e.g. an export link signature) says nothing about the others.
 */
export async function loadSecretKey(dataDir: string, fromEnv?: string): Promise<Buffer> {
  if (fromEnv) return parseKey(fromEnv, 'HANGAR_SECRET_KEY');
  const path = join(dataDir, 'secret.key');
  try {
    return parseKey((await readFile(path, 'utf8')).trim(), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' }).catch(async (error) => {
    // Another instance sharing the data dir wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  await chmod(path, 0o600);
  return parseKey((await readFile(path, 'utf8')).trim(), path);
}

function parseKey(text: string, source: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new Error(`${source} must hold 32 bytes as 64 hex characters or base64 (got ${key.length} bytes).`);
  }
  return key;
}

export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `hangar:${purpose}`, 32));
}
