import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks out wherever they appear: bearer tokens, API keys and Hugging Face tokens must never reach a
 * log line, even when a whole request or input object is logged by mistake.
 */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
  'huggingFaceToken',
  '*.huggingFaceToken',
  'connectionParams',
  // Single sign-on: the client's secret, the PKCE verifier and what the provider's token endpoint answers.
  'clientSecret',
  '*.clientSecret',
  'codeVerifier',
  '*.codeVerifier',
  'id_token',
  '*.id_token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
