variable "project_id" {
  type        = string
  description = "The Google Cloud project monitored."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "environment" {
  type        = string
  description = "Environment name shown in alert titles (staging, production)."

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment is staging or production."
  }
}

variable "notification_emails" {
  type        = map(string)
  description = "Who is told when an alert fires: email addresses keyed by a name (the on-call rota, the team list)."

  validation {
    condition     = length(var.notification_emails) > 0 && alltrue([for _, e in var.notification_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "notification_emails is a non-empty map of email addresses."
  }
}

variable "health_host" {
  type        = string
  description = "Host the uptime check calls /v1/health on (the API load balancer's domain)."

  validation {
    condition     = can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", var.health_host))
    error_message = "health_host is a lowercase domain name."
  }
}

variable "runbook_base_url" {
  type        = string
  description = "Where docs/runbooks/ is browsable (the repository's URL on its default branch); each alert links its runbook."

  validation {
    condition     = startswith(var.runbook_base_url, "https://") && !endswith(var.runbook_base_url, "/")
    error_message = "runbook_base_url is an https URL without a trailing slash."
  }
}

variable "thresholds" {
  type = object({
    api_5xx_per_5m              = optional(number, 10)
    webhook_failures_per_15m    = optional(number, 50)
    reward_failures_per_15m     = optional(number, 1)
    outbox_aged_events_per_15m  = optional(number, 1)
    rate_limited_per_5m         = optional(number, 500)
    dead_letter_messages        = optional(number, 1)
    reconciliation_breaks_per_h = optional(number, 1)
  })
  description = "When each alert fires; the defaults are the production values the runbooks explain."
  default     = {}

  validation {
    condition     = alltrue([for _, v in var.thresholds : v >= 1])
    error_message = "Every threshold is at least 1."
  }
}
