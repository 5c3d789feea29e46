variable "project_id" {
  type        = string
  description = "The Google Cloud project of the key ring."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "location" {
  type        = string
  description = "Location of the key ring: the functions' region (config.ts derives the key name from it)."

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.location))
    error_message = "location is a Google Cloud region such as us-central1."
  }
}

variable "key_ring_name" {
  type        = string
  description = "Name of the key ring; config.ts expects userx unless KMS_KEY_NAME says otherwise."
  default     = "userx"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_-]{1,63}$", var.key_ring_name))
    error_message = "key_ring_name is 1 to 63 letters, digits, underscores and hyphens."
  }
}

variable "keys" {
  type = map(object({
    purpose         = optional(string, "ENCRYPT_DECRYPT")
    rotation_period = optional(string, "7776000s")
    protection      = optional(string, "SOFTWARE")
  }))
  description = "Crypto keys by name: `secrets` wraps the data keys of webhook signing secrets and PII; `pubsub` encrypts messages at rest."

  validation {
    condition     = alltrue([for _, k in var.keys : contains(["ENCRYPT_DECRYPT"], k.purpose)])
    error_message = "Only symmetric ENCRYPT_DECRYPT keys are used: rotation applies to them alone."
  }

  validation {
    condition     = alltrue([for _, k in var.keys : can(regex("^[0-9]+s$", k.rotation_period)) && tonumber(trimsuffix(k.rotation_period, "s")) >= 86400 && tonumber(trimsuffix(k.rotation_period, "s")) <= 7776000])
    error_message = "rotation_period is between 86400s (a day) and 7776000s (90 days)."
  }

  validation {
    condition     = alltrue([for _, k in var.keys : contains(["SOFTWARE", "HSM"], k.protection)])
    error_message = "protection is SOFTWARE or HSM."
  }
}
