terraform {
  required_version = ">= 1.6, < 2.0"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.14, < 8.0"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 6.14, < 8.0"
    }
    mongodbatlas = {
      source  = "mongodb/mongodbatlas"
      version = ">= 1.26, < 2.0"
    }
  }

  # Given at init: the bucket (-backend-config="bucket=…"), created once per organization before
  # any environment and not managed here, and the environment's state prefix
  # (-backend-config=../envs/<environment>/backend.hcl).
  backend "gcs" {}
}

provider "google" {
  project = var.project_id
  region  = var.primary_region
}

provider "google-beta" {
  project = var.project_id
  region  = var.primary_region
}

# Credentials come from MONGODB_ATLAS_PUBLIC_KEY and MONGODB_ATLAS_PRIVATE_KEY (the deploy workflow
# reads them from Secret Manager); none is ever written in a file.
provider "mongodbatlas" {}
