resource "google_kms_key_ring" "this" {
  project  = var.project_id
  name     = var.key_ring_name
  location = var.location
}

resource "google_kms_crypto_key" "this" {
  # checkov:skip=CKV_GCP_43:rotation_period comes from var.keys, whose validation refuses anything over 90 days (default 90 days); checkov cannot resolve each.value
  for_each = var.keys

  name            = each.key
  key_ring        = google_kms_key_ring.this.id
  purpose         = each.value.purpose
  rotation_period = each.value.rotation_period

  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = each.value.protection
  }

  # A destroyed key makes everything it wrapped unreadable, backups included: never by accident.
  lifecycle {
    prevent_destroy = true
  }
}
