terraform {
  required_version = ">= 1.6, < 2.0"

  required_providers {
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 6.14, < 8.0"
    }
  }
}
