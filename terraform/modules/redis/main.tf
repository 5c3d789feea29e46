# Memorystore encrypts with the key as its own service agent.
resource "google_kms_crypto_key_iam_member" "redis_agent" {
  crypto_key_id = var.kms_key_name
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-${var.project_number}@cloud-redis.iam.gserviceaccount.com"
}

resource "google_redis_instance" "this" {
  project            = var.project_id
  name               = "userx"
  region             = var.region
  tier               = var.tier
  memory_size_gb     = var.memory_size_gb
  redis_version      = "REDIS_7_2"
  authorized_network = var.network_id
  connect_mode       = "PRIVATE_SERVICE_ACCESS"

  # Clients (the rate limiter DESIGN.md §7 plans) must authenticate and speak TLS, even inside the VPC.
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  customer_managed_key    = var.kms_key_name
  labels                  = var.labels

  maintenance_policy {
    weekly_maintenance_window {
      day = "SUNDAY"
      start_time {
        hours   = 3
        minutes = 0
      }
    }
  }

  depends_on = [google_kms_crypto_key_iam_member.redis_agent]
}
