# CTranslate2 conversion (batch): Hugging Face weights → int8_float16, written into the model cache.
# Source of truth for buildCtranslate2ConversionJob (server/src/runtime/nomad/ctranslate2.job.ts);
# ctranslate2-convert.job.json is what Hangar submits for the sample deployment.

variable "job_id" {
  type        = string
  description = "Nomad job ID: hangar-<deployment id slug>. Also the service name and the variable path suffix."
  default     = "hangar-dep-ct2-demo-v1-ctranslate2"
}

variable "deployment_id" {
  type        = string
  description = "Hangar deployment id (meta.hangar_deployment_id)."
  default     = "dep-ct2-demo"
}

variable "hangar_version" {
  type        = string
  description = "Hangar history version this job realises (meta.hangar_version)."
  default     = "1"
}

variable "model_id" {
  type        = string
  description = "Hangar model record id (meta.hangar_model_id)."
  default     = "mdl_qwen25_15b"
}

variable "model" {
  type        = string
  description = "Hugging Face repo id to convert."
  default     = "Qwen/Qwen2.5-1.5B-Instruct"
}

variable "output_dir" {
  type        = string
  description = "Converted model folder in the cache (per model, reused across deploys)."
  default     = "/root/.cache/huggingface/hangar/ctranslate2/mdl-qwen25-15b-int8_float16"
}

variable "image" {
  type        = string
  description = "Image with Python, CUDA 12 and cuDNN 9 (what CTranslate2 4.x wheels need)."
  default     = "pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime"
}

variable "cpu_mhz" {
  type        = number
  description = "CPU reservation: min(profile cores, 8) × 1000 MHz. Conversion runs on CPU."
  default     = 4000
}

variable "memory_mb" {
  type        = number
  description = "Memory reservation: 85 % of the profile's memory (the converter loads the full model)."
  default     = 13926
}

job "hangar-ctranslate2-convert" {
  id          = var.job_id
  name        = var.job_id
  type        = "batch"
  datacenters = ["*"]

  meta {
    hangar_deployment_id = var.deployment_id
    hangar_version       = var.hangar_version
    hangar_role          = "optimization"
    hangar_model_id      = var.model_id
    hangar_optimization  = "ctranslate2"
  }

  group "optimize" {
    count = 1

    volume "hf-cache" {
      type      = "host"
      source    = "hf-cache"
      read_only = false
    }

    restart {
      attempts = 1
      interval = "1h"
      delay    = "30s"
      mode     = "fail"
    }

    # A failed optimization is reported to the user instead of being rescheduled.
    reschedule {
      attempts  = 0
      unlimited = false
    }

    task "convert" {
      driver = "docker"

      config {
        image   = var.image
        command = "bash"
        # Skip when already converted; rename last so a half-written folder never looks finished.
        args = [
          "-c",
          "test -f ${var.output_dir}/model.bin && echo \"reusing ${var.output_dir}\" && exit 0; pip install --no-cache-dir ctranslate2==4.5.0 transformers==4.46.3 huggingface_hub==0.26.2 sentencepiece==0.2.0 && ct2-transformers-converter --model ${var.model} --output_dir ${var.output_dir}.partial --quantization int8_float16 --force && rm -rf ${var.output_dir} && mv ${var.output_dir}.partial ${var.output_dir}",
        ]
        image_pull_timeout = "30m"
      }

      env {
        HF_HOME = "/root/.cache/huggingface"
      }

      # The HF token only ever lives in the Nomad Variable nomad/jobs/<job id>; nomadVarExists keeps the
      # template from blocking when the model is public and no variable exists.
      template {
        data        = "{{ if nomadVarExists \"nomad/jobs/${var.job_id}\" }}{{ with nomadVar \"nomad/jobs/${var.job_id}\" }}HF_TOKEN={{ .hf_token }}\nHUGGING_FACE_HUB_TOKEN={{ .hf_token }}\n{{ end }}{{ end }}"
        destination = "secrets/hf.env"
        env         = true
        change_mode = "restart"
      }

      volume_mount {
        volume      = "hf-cache"
        destination = "/root/.cache/huggingface"
        read_only   = false
      }


      resources {
        cpu    = var.cpu_mhz
        memory = var.memory_mb
      }
    }
  }
}
