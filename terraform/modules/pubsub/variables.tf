variable "project_id" {
  type        = string
  description = "The Google Cloud project of the topics."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "project_number" {
  type        = string
  description = "The project's number, which names its Pub/Sub service agent (dead-letter forwarding)."

  validation {
    condition     = can(regex("^[0-9]+$", var.project_number))
    error_message = "project_number is digits only."
  }
}

variable "topics" {
  type = map(object({
    description     = string
    deadLetterTopic = optional(string)
  }))
  description = "The topics, keyed by id: the `topics` of functions/src/cloud-resources.json, passed unchanged so the code and the topics never disagree."

  validation {
    condition     = alltrue([for name, _ in var.topics : can(regex("^[A-Za-z][A-Za-z0-9._~+%-]{2,254}$", name)) && !startswith(name, "goog")])
    error_message = "Every topic id is 3 to 255 characters, starts with a letter and not with goog."
  }

  validation {
    condition     = alltrue([for _, t in var.topics : t.deadLetterTopic == null || contains(keys(var.topics), coalesce(t.deadLetterTopic, "-"))])
    error_message = "Every deadLetterTopic must be another topic of the map."
  }
}

variable "kms_key_name" {
  type        = string
  description = "Cloud KMS key that encrypts the messages at rest (CMEK); the module lets the Pub/Sub service agent use it."

  validation {
    condition     = can(regex("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$", var.kms_key_name))
    error_message = "kms_key_name is a full crypto key name: projects/…/locations/…/keyRings/…/cryptoKeys/…."
  }
}

variable "message_retention_duration" {
  type        = string
  description = "How long a topic keeps messages, so a subscription can seek back after a bad deploy."
  default     = "604800s"

  validation {
    condition     = can(regex("^[0-9]+s$", var.message_retention_duration))
    error_message = "message_retention_duration is a number of seconds with an s suffix (600s to 2678400s)."
  }
}

variable "labels" {
  type        = map(string)
  description = "Labels set on every topic and subscription."
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.labels : can(regex("^[a-z][a-z0-9_-]{0,62}$", k)) && can(regex("^[a-z0-9_-]{0,63}$", v))])
    error_message = "Label keys start with a lowercase letter; keys and values are at most 63 lowercase letters, digits, underscores and hyphens."
  }
}
