import os, shutil
from awq import AutoAWQForCausalLM
from transformers import AutoTokenizer
src, out = os.environ["SOURCE_MODEL"], os.environ["OUTPUT_DIR"]
if os.path.exists(os.path.join(out, "config.json")):
    print("reusing", out); raise SystemExit(0)
model = AutoAWQForCausalLM.from_pretrained(src, low_cpu_mem_usage=True, use_cache=False)
tokenizer = AutoTokenizer.from_pretrained(src)
model.quantize(tokenizer, quant_config=dict(zero_point=True, q_group_size=128, w_bit=4, version="GEMM"))
model.save_quantized(out + ".partial")
tokenizer.save_pretrained(out + ".partial")
shutil.rmtree(out, ignore_errors=True)
os.rename(out + ".partial", out)
