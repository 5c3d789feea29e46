# The API in two regions behind one global HTTPS load balancer with Cloud CDN, the VPC the
# functions reach Redis and Atlas through, Redis, and an Atlas cluster with read-only nodes in
# the second region.
locals {
  regions = ["us-central1", "europe-west1"]
  network_regions = { for i, region in local.regions : region => {
    subnet_cidr    = cidrsubnet("10.10.0.0/16", 8, i)
    connector_cidr = cidrsubnet("10.20.0.0/16", 12, i)
  } }
}

data "google_project" "this" {
  project_id = var.project_id
}

module "network" {
  source = "../../modules/network"

  project_id = var.project_id
  regions    = local.network_regions
}

module "kms" {
  source = "../../modules/kms"

  project_id    = var.project_id
  location      = "us-central1"
  key_ring_name = "userx-example"
  keys          = { redis = {} }
}

module "redis" {
  source = "../../modules/redis"

  project_id     = var.project_id
  project_number = data.google_project.this.number
  region         = "us-central1"
  network_id     = module.network.network_id
  tier           = "BASIC"
  kms_key_name   = module.kms.key_ids["redis"]
}

module "atlas" {
  source = "../../modules/atlas"

  org_id                 = var.atlas_org_id
  project_name           = "userx-example"
  instance_size          = "M40"
  primary_region         = "us-central1"
  read_only_regions      = ["europe-west1"]
  database_user_password = var.atlas_database_user_password
  gcp_project_id         = var.project_id
  network_name           = module.network.network_name
  allowed_cidrs          = toset(flatten([for _, r in local.network_regions : [r.subnet_cidr, r.connector_cidr]]))
}

module "global_lb" {
  source = "../../modules/global-lb"

  project_id = var.project_id
  regions    = local.regions
  routes = {
    health        = ["/v1/health", "/v1/health/*"]
    opportunities = ["/v1/opportunities", "/v1/opportunities/*"]
  }
  domains = ["api.example.com"]
}
