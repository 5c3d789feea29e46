variable "project_id" {
  type        = string
  description = "The Google Cloud project the APIs are enabled in."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id (6 to 30 lowercase letters, digits and hyphens)."
  }
}

variable "services" {
  type        = set(string)
  description = "The APIs User-X needs, as service names (run.googleapis.com …)."

  validation {
    condition     = alltrue([for s in var.services : can(regex("^[a-z0-9.-]+\\.googleapis\\.com$", s))])
    error_message = "Every service must be a *.googleapis.com service name."
  }
}
