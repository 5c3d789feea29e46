variable "project_id" {
  type        = string
  description = "The Google Cloud project of the load balancer and the functions."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "name" {
  type        = string
  description = "Prefix of every load-balancer resource."
  default     = "userx-api"

  validation {
    condition     = can(regex("^[a-z][-a-z0-9]{0,40}$", var.name))
    error_message = "name is a lowercase name of at most 41 characters."
  }
}

variable "regions" {
  type        = list(string)
  description = "Regions the API functions are deployed in (North America, Europe, Asia-Pacific); a request goes to the nearest healthy one."

  validation {
    condition     = length(var.regions) > 0 && length(var.regions) == length(distinct(var.regions)) && alltrue([for r in var.regions : can(regex("^[a-z]+-[a-z]+[0-9]$", r))])
    error_message = "regions is a non-empty list of distinct Google Cloud regions."
  }
}

variable "routes" {
  type        = map(list(string))
  description = "Path rules by API function name (the function-identities module's api_routes); the first function of default_function answers any other path."

  validation {
    condition     = length(var.routes) > 0 && alltrue([for _, paths in var.routes : alltrue([for p in paths : startswith(p, "/")])])
    error_message = "routes maps function names to paths that start with /."
  }
}

variable "default_function" {
  type        = string
  description = "Function that answers a path no rule names (firebase.json sends the rest of /v1 to health)."
  default     = "health"

  validation {
    condition     = can(regex("^[a-z][A-Za-z0-9]*$", var.default_function))
    error_message = "default_function is an exported function name (a key of routes)."
  }
}

variable "domains" {
  type        = list(string)
  description = "Domains of the API (for example api.example.com): the managed certificate covers them."

  validation {
    condition     = length(var.domains) > 0 && alltrue([for d in var.domains : can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", d))])
    error_message = "domains is a non-empty list of lowercase domain names."
  }
}

variable "cdn_default_ttl" {
  type        = number
  description = "Seconds Cloud CDN keeps a cacheable response whose origin set no max-age; responses without a public Cache-Control are never cached."
  default     = 60

  validation {
    condition     = var.cdn_default_ttl >= 0 && var.cdn_default_ttl <= 86400
    error_message = "cdn_default_ttl is between 0 and 86400."
  }
}

variable "rate_limit_per_minute" {
  type        = number
  description = "Requests a client address may send a minute before Cloud Armor answers 429 (the functions' own per-principal limits still apply)."
  default     = 1200

  validation {
    condition     = var.rate_limit_per_minute >= 60
    error_message = "rate_limit_per_minute is at least 60."
  }
}
