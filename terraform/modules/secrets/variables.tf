variable "project_id" {
  type        = string
  description = "The Google Cloud project of the secrets."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "secrets" {
  type = map(object({
    description = string
  }))
  description = "Secret Manager secrets by name: the names the code binds with defineSecret (functions/src/config.ts). Values are added by operators (`gcloud secrets versions add`), never by Terraform, so they stay out of its state."

  validation {
    condition     = alltrue([for name, _ in var.secrets : can(regex("^[A-Z][A-Z0-9_]{0,254}$", name))])
    error_message = "Secret names are the code's param names: upper case letters, digits and underscores."
  }
}

variable "replica_locations" {
  type        = list(string)
  description = "Regions a secret is replicated to (user-managed replication keeps the data where the functions run)."

  validation {
    condition     = length(var.replica_locations) > 0 && alltrue([for r in var.replica_locations : can(regex("^[a-z]+-[a-z]+[0-9]$", r))])
    error_message = "replica_locations is a non-empty list of regions."
  }
}

variable "labels" {
  type        = map(string)
  description = "Labels set on every secret."
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.labels : can(regex("^[a-z][a-z0-9_-]{0,62}$", k)) && can(regex("^[a-z0-9_-]{0,63}$", v))])
    error_message = "Label keys start with a lowercase letter; keys and values are at most 63 lowercase letters, digits, underscores and hyphens."
  }
}
