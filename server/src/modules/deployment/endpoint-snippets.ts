import type { DeploymentEndpoint } from './deployment.views.js';

/** The placeholder users replace with a key from "Manage API keys". */
export const API_KEY_PLACEHOLDER = '$HANGAR_API_KEY';

/** The endpoint in the seed's three formats: cURL, Python and JavaScript with the official openai SDK. */
export function endpointOf(
  publicUrl: string,
  deploymentId: string,
  timeoutSeconds: number,
): DeploymentEndpoint {
  const baseUrl = `${publicUrl}/api/v2/deployments/${deploymentId}`;
  const url = `${baseUrl}/chat/completions`;
  const curl = [
    `curl ${url} \\`,
    `  -H "Authorization: Bearer ${API_KEY_PLACEHOLDER}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"model": "${deploymentId}", "messages": [{"role": "user", "content": "Hello!"}]}'`,
  ].join('\n');
  const python = [
    'import os',
    'from openai import OpenAI',
    '',
    `client = OpenAI(base_url="${baseUrl}", api_key=os.environ["HANGAR_API_KEY"])`,
    'completion = client.chat.completions.create(',
    `    model="${deploymentId}",`,
    '    messages=[{"role": "user", "content": "Hello!"}],',
    ')',
    'print(completion.choices[0].message.content)',
  ].join('\n');
  const javascript = [
    "import OpenAI from 'openai';",
    '',
    `const client = new OpenAI({ baseURL: '${baseUrl}', apiKey: process.env.HANGAR_API_KEY });`,
    'const completion = await client.chat.completions.create({',
    `  model: '${deploymentId}',`,
    "  messages: [{ role: 'user', content: 'Hello!' }],",
    '});',
    'console.log(completion.choices[0].message.content);',
  ].join('\n');
  return {
    baseUrl,
    chatCompletionsUrl: url,
    completionsUrl: `${publicUrl}/api/v1/deployments/${deploymentId}/completions`,
    timeoutSeconds,
    url,
    curl,
    python,
    javascript,
  };
}
