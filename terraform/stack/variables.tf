variable "environment" {
  type        = string
  description = "Which environment this state is: its name labels resources and alerts (envs/<environment>/terraform.tfvars sets it)."

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment is staging or production."
  }
}

variable "project_id" {
  type        = string
  description = "The environment's Google Cloud (Firebase) project."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "primary_region" {
  type        = string
  description = "Region of the functions that are not multi-region, the queues, the key ring, Redis and Atlas's electable nodes: the `region` of functions/src/config.ts."
  default     = "us-central1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.primary_region))
    error_message = "primary_region is a Google Cloud region."
  }
}

variable "api_regions" {
  type        = list(string)
  description = "Regions the API functions are deployed in, behind the global load balancer; the primary region first."

  validation {
    condition     = length(var.api_regions) > 0 && length(var.api_regions) == length(distinct(var.api_regions))
    error_message = "api_regions is a non-empty list of distinct regions."
  }
}

variable "api_domain" {
  type        = string
  description = "Domain of the API load balancer (its managed certificate, the uptime check)."

  validation {
    condition     = can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", var.api_domain))
    error_message = "api_domain is a lowercase domain name."
  }
}

variable "hosting_site_id" {
  type        = string
  description = "Firebase Hosting site of the web app."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{4,61}[a-z0-9]$", var.hosting_site_id))
    error_message = "hosting_site_id is 6 to 63 lowercase letters, digits and hyphens."
  }
}

variable "console_domain" {
  type        = string
  description = "Custom domain of the web app on Hosting; null for none."
  default     = null

  validation {
    condition     = var.console_domain == null || can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", coalesce(var.console_domain, "-")))
    error_message = "console_domain is a lowercase domain name, or null."
  }
}

variable "atlas_org_id" {
  type        = string
  description = "The MongoDB Atlas organization."

  validation {
    condition     = can(regex("^[0-9a-f]{24}$", var.atlas_org_id))
    error_message = "atlas_org_id is a 24-character hexadecimal Atlas id."
  }
}

variable "atlas_instance_size" {
  type        = string
  description = "Atlas tier; the consistency tests check the functions' connection budget against it."

  validation {
    condition     = can(regex("^M[0-9]+$", var.atlas_instance_size))
    error_message = "atlas_instance_size is an Atlas tier such as M40."
  }
}

variable "atlas_database_user_password" {
  type        = string
  description = "Password of the functions' Atlas user (TF_VAR_atlas_database_user_password, from Secret Manager in the workflow)."
  sensitive   = true

  validation {
    condition     = length(var.atlas_database_user_password) >= 32
    error_message = "atlas_database_user_password has at least 32 characters."
  }
}

variable "redis_tier" {
  type        = string
  description = "Memorystore tier: BASIC or STANDARD_HA."

  validation {
    condition     = contains(["BASIC", "STANDARD_HA"], var.redis_tier)
    error_message = "redis_tier is BASIC or STANDARD_HA."
  }
}

variable "github_repository" {
  type        = string
  description = "owner/name of the repository whose workflows deploy this environment."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository is owner/name."
  }
}

variable "github_repository_id" {
  type        = string
  description = "The repository's numeric id."

  validation {
    condition     = can(regex("^[0-9]+$", var.github_repository_id))
    error_message = "github_repository_id is numeric."
  }
}

variable "notification_emails" {
  type        = map(string)
  description = "Alert recipients, keyed by a name."

  validation {
    condition     = length(var.notification_emails) > 0
    error_message = "At least one alert recipient is needed."
  }
}
