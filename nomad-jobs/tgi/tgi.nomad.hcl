# Text Generation Inference. Source of truth for buildTgiJob (server/src/runtime/nomad/tgi.job.ts);
# tgi.job.json is what Hangar submits for the sample deployment.

variable "job_id" {
  type        = string
  description = "Nomad job ID: hangar-<deployment id slug>. Also the service name and the variable path suffix."
  default     = "hangar-dep-tgi-demo"
}

variable "deployment_id" {
  type        = string
  description = "Hangar deployment id (meta.hangar_deployment_id)."
  default     = "dep-tgi-demo"
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
  description = "Hugging Face repo id (--model-id)."
  default     = "Qwen/Qwen2.5-1.5B-Instruct"
}

variable "image" {
  type        = string
  description = "TGI image (pin a tested tag)."
  default     = "ghcr.io/huggingface/text-generation-inference:3.3.6"
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

variable "max_batch_size" {
  type        = number
  description = "Requests per batch (deployment parameter inferenceBatchSize)."
  default     = 8
}

variable "max_concurrent_requests" {
  type        = number
  description = "Admitted requests before TGI answers 429: 4 × the batch size."
  default     = 32
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

job "hangar-tgi" {
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
        to = 80
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

      # TGI's /health is 200 only after warm-up has finished.
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
          query  = "sum(tgi_queue_size{nomad_job=\"${var.job_id}\"})"

          strategy "target-value" {
            target = 4
          }
        }
      }
    }

    task "tgi" {
      driver = "docker"

      config {
        image              = var.image
        ports              = ["http"]
        shm_size           = 1073741824
        image_pull_timeout = "30m"
        args = concat(
          [
            "--model-id", var.model,
            "--port", "80",
            "--max-concurrent-requests", "${var.max_concurrent_requests}",
            "--max-batch-size", "${var.max_batch_size}",
          ],
          var.gpu_count > 1 ? ["--sharded", "true", "--num-shard", "${var.gpu_count}"] : [],
        )
      }

      env {
        HF_HOME               = "/root/.cache/huggingface"
        HUGGINGFACE_HUB_CACHE = "/root/.cache/huggingface/hub"
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
