variable "project_id" {
  type        = string
  description = "A Google Cloud project to try the example in."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "atlas_org_id" {
  type        = string
  description = "The Atlas organization to create the example project in."

  validation {
    condition     = can(regex("^[0-9a-f]{24}$", var.atlas_org_id))
    error_message = "atlas_org_id is a 24-character hexadecimal Atlas id."
  }
}

variable "atlas_database_user_password" {
  type        = string
  description = "Password of the example's database user."
  sensitive   = true

  validation {
    condition     = length(var.atlas_database_user_password) >= 32
    error_message = "atlas_database_user_password has at least 32 characters."
  }
}
