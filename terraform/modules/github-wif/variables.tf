variable "project_id" {
  type        = string
  description = "The Google Cloud (Firebase) project."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "repository" {
  type        = string
  description = "The one GitHub repository (owner/name) whose workflows may deploy."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.repository))
    error_message = "repository is owner/name."
  }
}

variable "repository_id" {
  type        = string
  description = "The repository's numeric id: unlike its name, it cannot be taken over by a new repository after a rename or deletion."

  validation {
    condition     = can(regex("^[0-9]+$", var.repository_id))
    error_message = "repository_id is the numeric GitHub repository id."
  }
}

variable "environment" {
  type        = string
  description = "The GitHub environment a deploy job must run in (its approval rules gate the apply)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.environment))
    error_message = "environment is a lowercase GitHub environment name."
  }
}

variable "deployer_roles" {
  type        = set(string)
  description = "Project roles of the deployer (tofu apply, firebase deploy, migrations)."

  validation {
    condition     = alltrue([for r in var.deployer_roles : startswith(r, "roles/") && !contains(["roles/owner", "roles/editor", "roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"], r)])
    error_message = "Every role is a roles/… name; never owner or editor, and acting as service accounts is granted per account (act_as_service_accounts)."
  }
}

variable "planner_roles" {
  type        = set(string)
  description = "Project roles of the pull-request planner (tofu plan: read-only)."
  default     = ["roles/viewer", "roles/iam.securityReviewer"]

  validation {
    condition     = alltrue([for r in var.planner_roles : startswith(r, "roles/") && r != "roles/owner" && r != "roles/editor"])
    error_message = "Every role is a read-only roles/… name."
  }
}

variable "act_as_service_accounts" {
  type        = map(string)
  description = "Service accounts the deployer may act as (the functions' and the tasks invoker's), as projects/…/serviceAccounts/… names keyed by a stable name."

  validation {
    condition     = alltrue([for _, name in var.act_as_service_accounts : can(regex("^projects/[^/]+/serviceAccounts/[^/]+$", name))])
    error_message = "Every entry is a projects/…/serviceAccounts/… name."
  }
}
