# llama.cpp server for GGUF models (GPU or CPU). Source of truth for buildLlamaCppJob
# (server/src/runtime/nomad/llama-cpp.job.ts); llama-cpp.job.json is what Hangar submits for the sample deployment.

variable "job_id" {
  type        = string
  description = "Nomad job ID: hangar-<deployment id slug>. Also the service name and the variable path suffix."
  default     = "hangar-dep-llama-demo"
}

variable "deployment_id" {
  type        = string
  description = "Hangar deployment id (meta.hangar_deployment_id)."
  default     = "dep-llama-demo"
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

variable "hf_repo" {
  type        = string
  description = "Hugging Face repo holding the GGUF file (--hf-repo)."
  default     = "Qwen/Qwen2.5-1.5B-Instruct-GGUF"
}

variable "hf_file" {
  type        = string
  description = "GGUF file inside the repo (--hf-file); empty lets llama.cpp pick the default quantization."
  default     = "qwen2.5-1.5b-instruct-q4_k_m.gguf"
}

variable "image" {
  type        = string
  description = "server-cuda-<build> on GPU profiles, server-<build> on CPU ones."
  default     = "ghcr.io/ggml-org/llama.cpp:server-cuda-b6550"
}

variable "gpu_count" {
  type        = number
  description = "GPUs per replica; 0 for a CPU profile (no device block, no --n-gpu-layers)."
  default     = 1
}

variable "gpu_memory_floor" {
  type        = string
  description = "Minimum memory per GPU: 90 % of the profile's nominal GiB."
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

variable "threads" {
  type        = number
  description = "CPU threads (profile cpuCores)."
  default     = 4
}

variable "parallel" {
  type        = number
  description = "Parallel slots (deployment parameter inferenceBatchSize)."
  default     = 8
}

variable "n_predict" {
  type        = number
  description = "Default max tokens (parameter maxLength)."
  default     = 512
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

job "hangar-llama-cpp" {
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
        to = 8080
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

      # 503 "Loading model" until the weights are in memory, then 200.
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
          query  = "sum(llamacpp:requests_deferred{nomad_job=\"${var.job_id}\"})"

          strategy "target-value" {
            target = 4
          }
        }
      }
    }

    task "llama-server" {
      driver = "docker"

      config {
        image              = var.image
        ports              = ["http"]
        image_pull_timeout = "15m"
        args = concat(
          ["--hf-repo", var.hf_repo],
          var.hf_file == "" ? [] : ["--hf-file", var.hf_file],
          [
            "--host", "0.0.0.0",
            "--port", "8080",
            "--alias", var.deployment_id,
            "--parallel", "${var.parallel}",
            "--n-predict", "${var.n_predict}",
            "--temp", "${var.temperature}",
            "--top-p", "${var.top_p}",
            "--top-k", "${var.top_k}",
            "--threads", "${var.threads}",
          ],
          var.gpu_count > 0 ? ["--n-gpu-layers", "999"] : [],
          var.gpu_count > 1 ? ["--split-mode", "layer"] : [],
          ["--metrics"],
        )
      }

      env {
        LLAMA_CACHE = "/root/.cache/huggingface/llama.cpp"
        HF_HOME     = "/root/.cache/huggingface"
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

        # Only on GPU profiles (gpu_count > 0).
        dynamic "device" {
          for_each = var.gpu_count > 0 ? ["nvidia/gpu"] : []
          labels   = [device.value]

          content {
            count = var.gpu_count

            constraint {
              attribute = "${device.attr.memory}"
              operator  = ">="
              value     = var.gpu_memory_floor
            }
          }
        }
      }

      kill_timeout = "30s"
    }
  }
}
