/**
 * A minimal OpenAI-compatible chat server over a CTranslate2 Generator. No maintained CTranslate2 text-generation
 * server with an OpenAI API exists (see shared/nomad/REFERENCE.md §2.3), so the serving job renders this script
 * through a Nomad template. It avoids "{{" so Nomad's template engine passes it through untouched.
 */
export const CTRANSLATE2_SERVER_SCRIPT = `import json, os, threading, time, uuid
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
import ctranslate2, transformers

MODEL_DIR = os.environ["CT2_MODEL_DIR"]
NAMES = os.environ["SERVED_MODEL_NAMES"].split(",")
GPUS = int(os.environ.get("GPU_COUNT", "1"))
tokenizer = transformers.AutoTokenizer.from_pretrained(os.environ["TOKENIZER_SOURCE"])
generator = ctranslate2.Generator(MODEL_DIR, device="cuda", device_index=list(range(GPUS)), compute_type="int8_float16")
BATCH = int(os.environ.get("MAX_CONCURRENT", "4"))
slots = threading.BoundedSemaphore(BATCH)
waiting = [0]
DEFAULTS = dict(temperature=float(os.environ["DEFAULT_TEMPERATURE"]), top_p=float(os.environ["DEFAULT_TOP_P"]),
                top_k=int(os.environ["DEFAULT_TOP_K"]), max_tokens=int(os.environ["DEFAULT_MAX_TOKENS"]))

class Handler(BaseHTTPRequestHandler):
    def reply(self, code, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            return self.reply(200, dict(status="ok"))
        if self.path == "/metrics":
            body = "# TYPE ct2_requests_waiting gauge\\nct2_requests_waiting %d\\n" % waiting[0]
            return self.reply(200, body.encode(), "text/plain; version=0.0.4")
        if self.path == "/v1/models":
            return self.reply(200, dict(object="list", data=[dict(id=n, object="model", owned_by="hangar") for n in NAMES]))
        self.reply(404, dict(error=dict(message="not found")))

    def do_POST(self):
        if self.path != "/v1/chat/completions":
            return self.reply(404, dict(error=dict(message="not found")))
        req = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        opts = dict(DEFAULTS)
        opts.update(dict((k, req[k]) for k in ("temperature", "top_p", "top_k", "max_tokens") if req.get(k) is not None))
        prompt = tokenizer.apply_chat_template(req["messages"], tokenize=False, add_generation_prompt=True)
        tokens = tokenizer.convert_ids_to_tokens(tokenizer.encode(prompt, add_special_tokens=False))
        waiting[0] += 1
        with slots:
            waiting[0] -= 1
            result = generator.generate_batch([tokens], max_length=opts["max_tokens"], sampling_temperature=opts["temperature"],
                                              sampling_topk=opts["top_k"], sampling_topp=opts["top_p"], include_prompt_in_result=False)[0]
        ids = result.sequences_ids[0]
        text = tokenizer.decode(ids, skip_special_tokens=True)
        for stop in req.get("stop") or []:
            text = text.split(stop)[0]
        created, rid = int(time.time()), "chatcmpl-" + uuid.uuid4().hex
        usage = dict(prompt_tokens=len(tokens), completion_tokens=len(ids), total_tokens=len(tokens) + len(ids))
        if req.get("stream"):
            chunk = dict(id=rid, object="chat.completion.chunk", created=created, model=NAMES[0],
                         choices=[dict(index=0, delta=dict(role="assistant", content=text), finish_reason="stop")])
            return self.reply(200, ("data: " + json.dumps(chunk) + "\\n\\ndata: [DONE]\\n\\n").encode(), "text/event-stream")
        self.reply(200, dict(id=rid, object="chat.completion", created=created, model=NAMES[0], usage=usage,
                             choices=[dict(index=0, message=dict(role="assistant", content=text), finish_reason="stop")]))

ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8000"))), Handler).serve_forever()
`;
