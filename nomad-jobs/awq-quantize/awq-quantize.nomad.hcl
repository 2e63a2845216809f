# AWQ quantization (batch) for vLLM: AutoAWQ, 4-bit weights, group size 128, GEMM kernels, on one GPU.
# Source of truth for buildAwqQuantizeJob (server/src/runtime/nomad/awq-quantize.job.ts);
# awq-quantize.job.json is what Hangar submits for the sample deployment. vLLM then serves output_dir
# with --quantization awq (see ../vllm).

variable "job_id" {
  type        = string
  description = "Nomad job ID: hangar-<deployment id slug>. Also the service name and the variable path suffix."
  default     = "hangar-dep-vllm-awq-demo-v1-awq"
}

variable "deployment_id" {
  type        = string
  description = "Hangar deployment id (meta.hangar_deployment_id)."
  default     = "dep-vllm-awq-demo"
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
  description = "Hugging Face repo id to quantize."
  default     = "Qwen/Qwen2.5-1.5B-Instruct"
}

variable "output_dir" {
  type        = string
  description = "Quantized model folder in the cache (per model, reused across deploys)."
  default     = "/root/.cache/huggingface/hangar/awq/mdl-qwen25-15b-awq-w4-g128"
}

variable "image" {
  type        = string
  description = "Image with Python + PyTorch + CUDA."
  default     = "pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime"
}

variable "gpu_memory_floor" {
  type        = string
  description = "Minimum memory of the one GPU used: 90 % of the profile's nominal GiB."
  default     = "22118 MiB"
}

variable "cpu_mhz" {
  type        = number
  description = "CPU reservation: min(profile cores, 8) × 1000 MHz."
  default     = 4000
}

variable "memory_mb" {
  type        = number
  description = "Memory reservation: 85 % of the profile's memory."
  default     = 13926
}

job "hangar-awq-quantize" {
  id          = var.job_id
  name        = var.job_id
  type        = "batch"
  datacenters = ["*"]

  meta {
    hangar_deployment_id = var.deployment_id
    hangar_version       = var.hangar_version
    hangar_role          = "optimization"
    hangar_model_id      = var.model_id
    hangar_optimization  = "awq"
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

    task "quantize" {
      driver = "docker"

      config {
        image              = var.image
        command            = "bash"
        args               = ["-c", "pip install --no-cache-dir autoawq==0.2.7.post3 transformers==4.46.3 accelerate==1.1.1 && exec python3 /local/quantize.py"]
        shm_size           = 4294967296
        image_pull_timeout = "30m"
      }

      env {
        HF_HOME      = "/root/.cache/huggingface"
        SOURCE_MODEL = var.model
        OUTPUT_DIR   = var.output_dir
      }

      # The HF token only ever lives in the Nomad Variable nomad/jobs/<job id>; nomadVarExists keeps the
      # template from blocking when the model is public and no variable exists.
      template {
        data        = "{{ if nomadVarExists \"nomad/jobs/${var.job_id}\" }}{{ with nomadVar \"nomad/jobs/${var.job_id}\" }}HF_TOKEN={{ .hf_token }}\nHUGGING_FACE_HUB_TOKEN={{ .hf_token }}\n{{ end }}{{ end }}"
        destination = "secrets/hf.env"
        env         = true
        change_mode = "restart"
      }

      template {
        data        = file("quantize.py")
        destination = "local/quantize.py"
        change_mode = "noop"
      }

      volume_mount {
        volume      = "hf-cache"
        destination = "/root/.cache/huggingface"
        read_only   = false
      }


      resources {
        cpu    = var.cpu_mhz
        memory = var.memory_mb

        device "nvidia/gpu" {
          count = 1

          constraint {
            attribute = "${device.attr.memory}"
            operator  = ">="
            value     = var.gpu_memory_floor
          }
        }
      }
    }
  }
}
