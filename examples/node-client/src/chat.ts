// Calls a Hangar deployment with the official openai SDK, unmodified: only baseURL and apiKey change.
//
//   HANGAR_BASE_URL=http://localhost:4000/api/v2/deployments/<deploymentId> \
//   HANGAR_API_KEY=hgr_sk_... npm start -w examples/node-client -- "Write a haiku about hangars"
import OpenAI from 'openai';

const baseURL = process.env.HANGAR_BASE_URL;
const apiKey = process.env.HANGAR_API_KEY;
if (!baseURL || !apiKey) {
  console.error(
    'Set HANGAR_BASE_URL (the deployment endpoint without /chat/completions, as shown in its Python snippet) and HANGAR_API_KEY (create one under API Keys).',
  );
  process.exit(2);
}

const client = new OpenAI({ baseURL, apiKey });
const prompt = process.argv.slice(2).join(' ') || 'Say hello in five words.';
// The gateway serves one model per deployment; the last path segment (the deployment ID) names it.
const model = new URL(baseURL).pathname.split('/').filter(Boolean).pop() ?? 'default';

// Streaming shows tokens as they arrive; the same call without `stream` returns one completion.
const stream = await client.chat.completions.create({
  model,
  messages: [{ role: 'user', content: prompt }],
  max_tokens: 64,
  stream: true,
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
process.stdout.write('\n');

// Structured output: the gateway constrains generation to the schema (v2 endpoints only).
const structured = await client.chat.completions.create({
  model,
  messages: [{ role: 'user', content: 'Give a name and a rating from 1 to 5 for a hangar.' }],
  max_tokens: 64,
  response_format: {
    type: 'json_schema',
    json_schema: {
      name: 'review',
      schema: {
        type: 'object',
        properties: { name: { type: 'string' }, rating: { type: 'integer' } },
        required: ['name', 'rating'],
        additionalProperties: false,
      },
    },
  },
});
console.log('structured:', structured.choices[0]?.message.content);
