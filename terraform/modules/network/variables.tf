variable "project_id" {
  type        = string
  description = "The Google Cloud project of the network."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id."
  }
}

variable "name" {
  type        = string
  description = "Name of the VPC network the functions reach Redis and Atlas through."
  default     = "userx"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$", var.name))
    error_message = "name is a lowercase RFC 1035 name."
  }
}

variable "regions" {
  type = map(object({
    subnet_cidr    = string
    connector_cidr = string
  }))
  description = "Per region the functions run in: its subnet's range and the /28 of its Serverless VPC Access connector."

  validation {
    condition     = length(var.regions) > 0 && alltrue([for r, c in var.regions : can(regex("^[a-z]+-[a-z]+[0-9]$", r)) && can(cidrnetmask(c.subnet_cidr)) && endswith(c.connector_cidr, "/28")])
    error_message = "Every key is a region, subnet_cidr a CIDR range and connector_cidr a /28."
  }
}

variable "private_services_cidr" {
  type        = string
  description = "Range reserved for private services access (Memorystore): a /16 to /24 unused in the VPC."
  default     = "10.60.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.private_services_cidr))
    error_message = "private_services_cidr is a CIDR range."
  }
}
