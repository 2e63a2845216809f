# CTranslate2 serving: the converted int8_float16 model behind server.py, a small OpenAI-compatible server.
# Source of truth for buildCtranslate2ServingJob (server/src/runtime/nomad/ctranslate2.job.ts);
# ctranslate2-serve.job.json is what Hangar submits for the sample deployment.

variable "job_id" {
  type        = string
  description = "Nomad job ID: hangar-<deployment id slug>. Also the service name and the variable path suffix."
  default     = "hangar-dep-ct2-demo"
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

variable "model_dir" {
  type        = string
  description = "Converted model folder (the conversion job's output_dir)."
  default     = "/root/.cache/huggingface/hangar/ctranslate2/mdl-qwen25-15b-int8_float16"
}

variable "tokenizer_source" {
  type        = string
  description = "Hugging Face repo the tokenizer is loaded from (the converted folder has none)."
  default     = "Qwen/Qwen2.5-1.5B-Instruct"
}

variable "served_model_names" {
  type        = string
  description = "Comma-separated names listed by /v1/models."
  default     = "dep-ct2-demo,qwen2.5-1.5b-instruct"
}

variable "image" {
  type        = string
  description = "Image with Python, CUDA 12 and cuDNN 9."
  default     = "pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime"
}

variable "gpu_count" {
  type        = number
  description = "GPUs per replica (hardware profile gpu.count)."
  default     = 1
}

variable "gpu_memory_floor" {
  type        = string
  description = "Minimum memory per GPU: 90 % of the profile's nominal GiB, since NVML reports less (A10G: 23028 MiB)."
  default     = "22118 MiB"
}

variable "cpu_mhz" {
  type        = number
  description = "CPU reservation: profile cores × 1000 MHz."
  default     = 4000
}

variable "memory_mb" {
  type        = number
  description = "Memory reservation: 85 % of the profile's memory."
  default     = 13926
}

variable "max_concurrent" {
  type        = number
  description = "Requests generated at once (parameter inferenceBatchSize); the rest wait."
  default     = 8
}

variable "temperature" {
  type        = number
  description = "Default temperature."
  default     = 0.7
}

variable "top_p" {
  type        = number
  description = "Default top-p."
  default     = 0.9
}

variable "top_k" {
  type        = number
  description = "Default top-k."
  default     = 40
}

variable "max_tokens" {
  type        = number
  description = "Default max tokens (parameter maxLength)."
  default     = 512
}

variable "min_replicas" {
  type        = number
  description = "Initial count and scaling minimum."
  default     = 1
}

variable "max_replicas" {
  type        = number
  description = "Scaling maximum."
  default     = 4
}

variable "scale_up_cooldown" {
  type        = string
  description = "Autoscaler cooldown_on_scale_up (deployment scaleUpDelaySeconds; autoscaler >= 0.4.7)."
  default     = "120s"
}

variable "scale_down_cooldown" {
  type        = string
  description = "Autoscaler cooldown (deployment scaleDownDelaySeconds)."
  default     = "600s"
}

job "hangar-ctranslate2" {
  id          = var.job_id
  name        = var.job_id
  type        = "service"
  datacenters = ["*"]

  meta {
    hangar_deployment_id = var.deployment_id
    hangar_version       = var.hangar_version
    hangar_role          = "serving"
    hangar_model_id      = var.model_id
  }

  group "server" {
    count = var.min_replicas

    network {
      port "http" {
        to = 8000
      }
    }

    volume "hf-cache" {
      type      = "host"
      source    = "hf-cache"
      read_only = false
    }

    # Model loads take minutes; Nomad's 5m healthy_deadline would fail good deploys. A redeploy starts
    # min_replicas canaries beside the running version and promotes them once healthy (needs GPU headroom).
    update {
      max_parallel      = 1
      canary            = var.min_replicas
      auto_promote      = true
      health_check      = "checks"
      min_healthy_time  = "30s"
      healthy_deadline  = "30m"
      progress_deadline = "45m"
      auto_revert       = true
    }

    restart {
      attempts = 2
      interval = "30m"
      delay    = "30s"
      mode     = "fail"
    }

    reschedule {
      attempts       = 3
      interval       = "1h"
      delay          = "30s"
      delay_function = "exponential"
      max_delay      = "10m"
      unlimited      = false
    }

    service {
      name     = var.job_id
      port     = "http"
      provider = "nomad"
      tags     = ["hangar", "openai-compatible", "deployment=${var.deployment_id}", "version=${var.hangar_version}"]

      # server.py binds its port only after the model is on the GPU, so /health means ready.
      check {
        name     = "ready"
        type     = "http"
        path     = "/health"
        interval = "10s"
        timeout  = "5s"
      }
    }

    scaling {
      enabled = true
      min     = var.min_replicas
      max     = var.max_replicas

      policy {
        evaluation_interval  = "30s"
        cooldown             = var.scale_down_cooldown
        cooldown_on_scale_up = var.scale_up_cooldown

        check "queue_depth" {
          source = "prometheus"
          query  = "sum(ct2_requests_waiting{nomad_job=\"${var.job_id}\"})"

          strategy "target-value" {
            target = 4
          }
        }
      }
    }

    task "ctranslate2" {
      driver = "docker"

      config {
        image              = var.image
        ports              = ["http"]
        command            = "bash"
        args               = ["-c", "pip install --no-cache-dir ctranslate2==4.5.0 transformers==4.46.3 huggingface_hub==0.26.2 sentencepiece==0.2.0 && exec python3 /local/server.py"]
        image_pull_timeout = "30m"
      }

      env {
        HF_HOME             = "/root/.cache/huggingface"
        CT2_MODEL_DIR       = var.model_dir
        TOKENIZER_SOURCE    = var.tokenizer_source
        SERVED_MODEL_NAMES  = var.served_model_names
        GPU_COUNT           = "${var.gpu_count}"
        PORT                = "8000"
        DEFAULT_TEMPERATURE = "${var.temperature}"
        DEFAULT_TOP_P       = "${var.top_p}"
        DEFAULT_TOP_K       = "${var.top_k}"
        DEFAULT_MAX_TOKENS  = "${var.max_tokens}"
        MAX_CONCURRENT      = "${var.max_concurrent}"
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
        data        = file("server.py")
        destination = "local/server.py"
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

        device "nvidia/gpu" {
          count = var.gpu_count

          constraint {
            attribute = "${device.attr.memory}"
            operator  = ">="
            value     = var.gpu_memory_floor
          }
        }
      }


      kill_timeout = "30s"
    }
  }
}
