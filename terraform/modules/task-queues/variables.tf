variable "project_id" {
  type        = string
  description = "The Google Cloud project of the queues."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "location" {
  type        = string
  description = "Region of the queues: the TASKS_LOCATION the functions enqueue to."

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.location))
    error_message = "location is a Google Cloud region such as us-central1."
  }
}

variable "queues" {
  type = map(object({
    description = string
    retryPolicy = object({
      maxAttempts       = number
      minBackoffSeconds = number
      maxBackoffSeconds = number
      maxDoublings      = number
    })
    rateLimits = optional(object({
      maxConcurrentDispatches      = number
      localMaxConcurrentDispatches = number
    }))
  }))
  description = "The queues, keyed by id: the `queues` of functions/src/cloud-resources.json, passed unchanged so the retry configs the code documents are the ones deployed."

  validation {
    condition     = alltrue([for name, _ in var.queues : can(regex("^[A-Za-z0-9-]{1,100}$", name))])
    error_message = "Every queue id is 1 to 100 letters, digits and hyphens."
  }

  validation {
    condition     = alltrue([for _, q in var.queues : q.retryPolicy.maxAttempts >= 1 && q.retryPolicy.minBackoffSeconds >= 1 && q.retryPolicy.maxBackoffSeconds >= q.retryPolicy.minBackoffSeconds && q.retryPolicy.maxDoublings >= 0])
    error_message = "Every retryPolicy has maxAttempts >= 1, minBackoffSeconds >= 1, maxBackoffSeconds >= minBackoffSeconds and maxDoublings >= 0."
  }
}

variable "log_sampling_ratio" {
  type        = number
  description = "Share of task attempts Cloud Tasks logs (0 to 1): failures show up in the webhook and reward alerts' logs."
  default     = 1

  validation {
    condition     = var.log_sampling_ratio >= 0 && var.log_sampling_ratio <= 1
    error_message = "log_sampling_ratio is between 0 and 1."
  }
}
