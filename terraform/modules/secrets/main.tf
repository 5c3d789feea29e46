resource "google_secret_manager_secret" "this" {
  for_each = var.secrets

  project   = var.project_id
  secret_id = each.key
  labels    = var.labels
  annotations = {
    description = each.value.description
  }

  replication {
    user_managed {
      dynamic "replicas" {
        for_each = toset(var.replica_locations)
        content {
          location = replicas.value
        }
      }
    }
  }
}
