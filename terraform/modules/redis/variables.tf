variable "project_id" {
  type        = string
  description = "The Google Cloud project of the instance."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "project_number" {
  type        = string
  description = "The project's number, which names the Memorystore service agent that uses the CMEK key."

  validation {
    condition     = can(regex("^[0-9]+$", var.project_number))
    error_message = "project_number is digits only."
  }
}

variable "region" {
  type        = string
  description = "Region of the instance: the primary region, where writes and rate-limit counters live."

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region is a Google Cloud region such as us-central1."
  }
}

variable "network_id" {
  type        = string
  description = "The VPC network the instance is reachable from (the network module's output), peered through private services access."

  validation {
    condition     = can(regex("^projects/[^/]+/global/networks/[^/]+$", var.network_id))
    error_message = "network_id is projects/…/global/networks/…."
  }
}

variable "memory_size_gb" {
  type        = number
  description = "Memory of the instance in GiB: rate-limit counters and short-lived caches only."
  default     = 1

  validation {
    condition     = var.memory_size_gb >= 1 && var.memory_size_gb <= 300
    error_message = "memory_size_gb is between 1 and 300."
  }
}

variable "tier" {
  type        = string
  description = "BASIC (one node, staging) or STANDARD_HA (a replica in another zone, production)."
  default     = "STANDARD_HA"

  validation {
    condition     = contains(["BASIC", "STANDARD_HA"], var.tier)
    error_message = "tier is BASIC or STANDARD_HA."
  }
}

variable "kms_key_name" {
  type        = string
  description = "Cloud KMS key that encrypts the instance's data at rest (CMEK)."

  validation {
    condition     = can(regex("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$", var.kms_key_name))
    error_message = "kms_key_name is a full crypto key name."
  }
}

variable "labels" {
  type        = map(string)
  description = "Labels set on the instance."
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.labels : can(regex("^[a-z][a-z0-9_-]{0,62}$", k)) && can(regex("^[a-z0-9_-]{0,63}$", v))])
    error_message = "Label keys start with a lowercase letter; keys and values are at most 63 lowercase letters, digits, underscores and hyphens."
  }
}
