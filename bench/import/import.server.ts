/** The Hangar server under measurement, in its own process so its RSS is its own. Reports its URL over IPC. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp } from '../../server/src/app.js';
import { configFromEnv } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';

const dataDir = process.argv[2]!;
const config = configFromEnv({
  HANGAR_PORT: '0',
  HANGAR_HOST: '127.0.0.1',
  HANGAR_DATA_DIR: dataDir,
  HANGAR_DEMO_MODEL: '0',
  HANGAR_LOG_LEVEL: 'silent',
});
const app = await createApp(config, { logger: createLogger('silent') });
const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
process.send!({ url: app.url, token });
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
