variable "org_id" {
  type        = string
  description = "The Atlas organization the project is created in."

  validation {
    condition     = can(regex("^[0-9a-f]{24}$", var.org_id))
    error_message = "org_id is a 24-character hexadecimal Atlas id."
  }
}

variable "project_name" {
  type        = string
  description = "Name of the Atlas project (one per environment)."

  validation {
    condition     = can(regex("^[A-Za-z0-9 _-]{1,64}$", var.project_name))
    error_message = "project_name is 1 to 64 letters, digits, spaces, underscores and hyphens."
  }
}

variable "instance_size" {
  type        = string
  description = "Atlas tier of every node. Its connection limit bounds the functions' pools (terraform/test/ checks the budget)."
  default     = "M40"

  validation {
    condition     = contains(keys(local.connection_limits), var.instance_size)
    error_message = "instance_size is a dedicated Atlas tier this module knows the connection limit of (M10 … M300)."
  }
}

variable "primary_region" {
  type        = string
  description = "Google Cloud region of the electable nodes (where writes go): the functions' primary region."

  validation {
    condition     = contains(keys(local.atlas_regions), var.primary_region)
    error_message = "primary_region is a Google Cloud region this module maps to an Atlas region name."
  }
}

variable "read_only_regions" {
  type        = set(string)
  description = "Google Cloud regions that get read-only nodes, so reads that tolerate staleness (readPreference nearest) stay in the region."
  default     = []

  validation {
    condition     = alltrue([for r in var.read_only_regions : contains(keys(local.atlas_regions), r)])
    error_message = "Every read-only region is a Google Cloud region this module maps to an Atlas region name."
  }
}

variable "read_only_nodes_per_region" {
  type        = number
  description = "Read-only nodes in each read-only region."
  default     = 1

  validation {
    condition     = var.read_only_nodes_per_region >= 1 && var.read_only_nodes_per_region <= 5
    error_message = "read_only_nodes_per_region is between 1 and 5."
  }
}

variable "mongodb_major_version" {
  type        = string
  description = "MongoDB major version of the cluster."
  default     = "8.0"

  validation {
    condition     = contains(["7.0", "8.0"], var.mongodb_major_version)
    error_message = "mongodb_major_version is 7.0 or 8.0."
  }
}

variable "database_name" {
  type        = string
  description = "The database the functions use (MONGODB_DATABASE); the database user may read and write it alone."
  default     = "userx"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,63}$", var.database_name))
    error_message = "database_name is 1 to 63 letters, digits, underscores and hyphens."
  }
}

variable "database_user_password" {
  type        = string
  description = "Password of the functions' database user; operators keep it in the MONGODB_URI secret alone."
  sensitive   = true

  validation {
    condition     = length(var.database_user_password) >= 32
    error_message = "database_user_password has at least 32 characters."
  }
}

variable "atlas_cidr_block" {
  type        = string
  description = "Range of Atlas's own VPC for the peering; must not overlap the project's network."
  default     = "192.168.0.0/18"

  validation {
    condition     = can(cidrnetmask(var.atlas_cidr_block))
    error_message = "atlas_cidr_block is a CIDR range."
  }
}

variable "gcp_project_id" {
  type        = string
  description = "The Google Cloud project whose VPC is peered with Atlas."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.gcp_project_id))
    error_message = "gcp_project_id must be a Google Cloud project id."
  }
}

variable "network_name" {
  type        = string
  description = "Name of the VPC network peered with Atlas (the network module's output)."

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$", var.network_name))
    error_message = "network_name is a lowercase RFC 1035 name."
  }
}

variable "allowed_cidrs" {
  type        = set(string)
  description = "Private ranges that may connect (the functions' VPC connectors and subnets); nothing public is allowed."

  validation {
    condition     = length(var.allowed_cidrs) > 0 && alltrue([for c in var.allowed_cidrs : can(cidrnetmask(c)) && c != "0.0.0.0/0"])
    error_message = "allowed_cidrs is a non-empty set of CIDR ranges, never 0.0.0.0/0."
  }
}

variable "backup" {
  type = object({
    restore_window_days = optional(number, 7)
    hourly_every        = optional(number, 6)
    daily_retain_days   = optional(number, 7)
    weekly_retain_weeks = optional(number, 4)
    monthly_retain      = optional(number, 12)
  })
  description = "Snapshot schedule; point-in-time recovery covers restore_window_days back (docs/runbooks/backup-restore.md)."
  default     = {}

  validation {
    condition     = var.backup.restore_window_days >= 1 && var.backup.restore_window_days <= 7 && contains([1, 2, 4, 6, 8, 12], var.backup.hourly_every)
    error_message = "restore_window_days is 1 to 7 and hourly_every one of 1, 2, 4, 6, 8, 12."
  }
}
