variable "project_id" {
  type        = string
  description = "The Google Cloud (Firebase) project."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "site_id" {
  type        = string
  description = "Id of the Hosting site (its default domain is <site_id>.web.app)."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{4,61}[a-z0-9]$", var.site_id))
    error_message = "site_id is 6 to 63 lowercase letters, digits and hyphens."
  }
}

variable "custom_domain" {
  type        = string
  description = "The custom domain the console is served on (its DNS records are the output dns_records); null for none."
  default     = null

  validation {
    condition     = var.custom_domain == null || can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", coalesce(var.custom_domain, "-")))
    error_message = "custom_domain is a lowercase domain name."
  }
}
