locals {
  # Connections each node of a tier accepts (Atlas's documented limits); the consistency tests read
  # this map to check the functions' connection budget.
  connection_limits = {
    M10  = 1500
    M20  = 3000
    M30  = 3000
    M40  = 6000
    M50  = 16000
    M60  = 32000
    M80  = 96000
    M140 = 96000
    M200 = 128000
    M300 = 128000
  }

  # Atlas names Google Cloud regions its own way.
  atlas_regions = {
    "us-central1"             = "CENTRAL_US"
    "us-east4"                = "US_EAST_4"
    "northamerica-northeast1" = "NORTH_AMERICA_NORTHEAST_1"
    "europe-west1"            = "WESTERN_EUROPE"
    "europe-west3"            = "EUROPE_WEST_3"
    "asia-southeast1"         = "SOUTHEASTERN_ASIA_PACIFIC"
    "asia-northeast1"         = "NORTHEASTERN_ASIA_PACIFIC"
    "australia-southeast1"    = "AUSTRALIA_SOUTHEAST_1"
  }

  read_only_regions = setsubtract(var.read_only_regions, [var.primary_region])
}

resource "mongodbatlas_project" "this" {
  name   = var.project_name
  org_id = var.org_id
}

# Peering keeps the driver's traffic on private addresses: the cluster answers no public client.
resource "mongodbatlas_network_container" "this" {
  project_id       = mongodbatlas_project.this.id
  atlas_cidr_block = var.atlas_cidr_block
  provider_name    = "GCP"
}

resource "mongodbatlas_network_peering" "this" {
  project_id     = mongodbatlas_project.this.id
  container_id   = mongodbatlas_network_container.this.container_id
  provider_name  = "GCP"
  gcp_project_id = var.gcp_project_id
  network_name   = var.network_name
}

resource "google_compute_network_peering" "atlas" {
  name         = "atlas-${mongodbatlas_project.this.id}"
  network      = "projects/${var.gcp_project_id}/global/networks/${var.network_name}"
  peer_network = "projects/${mongodbatlas_network_container.this.gcp_project_id}/global/networks/${mongodbatlas_network_container.this.network_name}"

  depends_on = [mongodbatlas_network_peering.this]
}

resource "mongodbatlas_project_ip_access_list" "private" {
  for_each = var.allowed_cidrs

  project_id = mongodbatlas_project.this.id
  cidr_block = each.key
  comment    = "User-X functions (private range)"
}

resource "mongodbatlas_advanced_cluster" "this" {
  project_id                     = mongodbatlas_project.this.id
  name                           = "userx"
  cluster_type                   = "REPLICASET"
  mongo_db_major_version         = var.mongodb_major_version
  backup_enabled                 = true
  pit_enabled                    = true
  termination_protection_enabled = true

  replication_specs {
    # Writes: three electable nodes in the primary region (a majority survives one zone).
    region_configs {
      provider_name = "GCP"
      region_name   = local.atlas_regions[var.primary_region]
      priority      = 7

      electable_specs {
        instance_size = var.instance_size
        node_count    = 3
      }

      auto_scaling {
        disk_gb_enabled = true
      }
    }

    # Reads that tolerate staleness: read-only nodes near the API functions of each other region.
    dynamic "region_configs" {
      for_each = local.read_only_regions
      content {
        provider_name = "GCP"
        region_name   = local.atlas_regions[region_configs.value]
        priority      = 0

        read_only_specs {
          instance_size = var.instance_size
          node_count    = var.read_only_nodes_per_region
        }
      }
    }
  }

  advanced_configuration {
    javascript_enabled           = false
    minimum_enabled_tls_protocol = "TLS1_2"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "mongodbatlas_cloud_backup_schedule" "this" {
  project_id   = mongodbatlas_project.this.id
  cluster_name = mongodbatlas_advanced_cluster.this.name

  reference_hour_of_day    = 3
  reference_minute_of_hour = 0
  restore_window_days      = var.backup.restore_window_days

  policy_item_hourly {
    frequency_interval = var.backup.hourly_every
    retention_unit     = "days"
    retention_value    = 2
  }

  policy_item_daily {
    frequency_interval = 1
    retention_unit     = "days"
    retention_value    = var.backup.daily_retain_days
  }

  policy_item_weekly {
    frequency_interval = 7
    retention_unit     = "weeks"
    retention_value    = var.backup.weekly_retain_weeks
  }

  policy_item_monthly {
    frequency_interval = 40
    retention_unit     = "months"
    retention_value    = var.backup.monthly_retain
  }
}

# The functions' user: read and write the one database, nothing else (no admin, no other database).
resource "mongodbatlas_database_user" "functions" {
  project_id         = mongodbatlas_project.this.id
  auth_database_name = "admin"
  username           = "userx-functions"
  password           = var.database_user_password

  roles {
    role_name     = "readWrite"
    database_name = var.database_name
  }

  scopes {
    name = mongodbatlas_advanced_cluster.this.name
    type = "CLUSTER"
  }
}
