variable "project_id" {
  type        = string
  description = "The Google Cloud project the functions run in."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "secret_ids" {
  type        = map(string)
  description = "Secret ids by secret name (the secrets module's output); every secret a function binds must be here."

  validation {
    condition     = alltrue([for _, id in var.secret_ids : can(regex("^projects/[^/]+/secrets/[^/]+$", id))])
    error_message = "Every secret id is projects/…/secrets/…."
  }
}

variable "topic_ids" {
  type        = map(string)
  description = "Topic ids by topic name (the pubsub module's output)."

  validation {
    condition     = alltrue([for _, id in var.topic_ids : can(regex("^projects/[^/]+/topics/[^/]+$", id))])
    error_message = "Every topic id is projects/…/topics/…."
  }
}

variable "queue_ids" {
  type        = map(string)
  description = "Cloud Tasks queue ids by queue name (the task-queues module's output)."

  validation {
    condition     = alltrue([for _, id in var.queue_ids : can(regex("^projects/[^/]+/locations/[^/]+/queues/[^/]+$", id))])
    error_message = "Every queue id is projects/…/locations/…/queues/…."
  }
}

variable "kms_key_ids" {
  type        = map(string)
  description = "Crypto key ids by key name (the kms module's output)."

  validation {
    condition     = alltrue([for _, id in var.kms_key_ids : can(regex("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$", id))])
    error_message = "Every key id is projects/…/locations/…/keyRings/…/cryptoKeys/…."
  }
}
