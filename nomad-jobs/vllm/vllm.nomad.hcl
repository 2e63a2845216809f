# vLLM OpenAI-compatible server. Source of truth for buildVllmJob (server/src/runtime/nomad/vllm.job.ts);
# vllm.job.json / vllm-awq.job.json are what Hangar submits for the sample deployments.
# Run by hand:  nomad job run -var deployment_id=dep-x -var job_id=hangar-dep-x vllm.nomad.hcl

variable "job_id" {
  type        = string
  description = "Nomad job ID: hangar-<deployment id slug>. Also the service name and the variable path suffix."
  default     = "hangar-dep-vllm-demo"
}

variable "deployment_id" {
  type        = string
  description = "Hangar deployment id (meta.hangar_deployment_id; first served model name)."
  default     = "dep-vllm-demo"
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
  description = "Hugging Face repo id, or the AWQ folder in the model cache when quantization = \"awq\"."
  default     = "Qwen/Qwen2.5-1.5B-Instruct"
}

variable "served_model_names" {
  type        = list(string)
  description = "Names clients may send as `model` (vLLM answers 404 for any other)."
  default     = ["dep-vllm-demo", "qwen2.5-1.5b-instruct"]
}

variable "quantization" {
  type        = string
  description = "\"awq\" to serve the awq-quantize job's output; empty for the original weights."
  default     = ""
}

variable "image" {
  type        = string
  description = "vLLM image (pin a tested tag)."
  default     = "vllm/vllm-openai:v0.11.0"
}

variable "gpu_count" {
  type        = number
  description = "GPUs per replica (hardware profile gpu.count); also --tensor-parallel-size."
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

variable "max_num_seqs" {
  type        = number
  description = "Concurrent sequences per replica (deployment parameter inferenceBatchSize)."
  default     = 8
}

variable "generation_config" {
  type        = string
  description = "Default sampling (temperature, top_p, top_k, max_new_tokens) as JSON for --override-generation-config."
  default     = "{\"temperature\":0.7,\"top_p\":0.9,\"top_k\":40,\"max_new_tokens\":512}"
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

job "hangar-vllm" {
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

      # /health answers while weights still load; /v1/models only once the engine serves.
      check {
        name     = "ready"
        type     = "http"
        path     = "/v1/models"
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
          query  = "sum(vllm:num_requests_waiting{nomad_job=\"${var.job_id}\"})"

          strategy "target-value" {
            target = 4
          }
        }
      }
    }

    task "vllm" {
      driver = "docker"

      config {
        image              = var.image
        ports              = ["http"]
        shm_size           = 8589934592 # tensor parallelism shares tensors through /dev/shm
        image_pull_timeout = "30m"
        args = concat(
          ["--model", var.model, "--served-model-name"],
          var.served_model_names,
          [
            "--host", "0.0.0.0",
            "--port", "8000",
            "--tensor-parallel-size", "${var.gpu_count}",
            "--gpu-memory-utilization", "0.90",
            "--max-num-seqs", "${var.max_num_seqs}",
            "--override-generation-config", var.generation_config,
          ],
          var.quantization == "" ? [] : ["--quantization", var.quantization],
        )
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
