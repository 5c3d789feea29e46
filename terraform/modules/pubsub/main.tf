locals {
  pubsub_agent      = "serviceAccount:service-${var.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
  dead_letter_names = toset(compact([for _, t in var.topics : t.deadLetterTopic]))
}

resource "google_kms_crypto_key_iam_member" "pubsub_agent" {
  crypto_key_id = var.kms_key_name
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = local.pubsub_agent
}

resource "google_pubsub_topic" "this" {
  for_each = var.topics

  project                    = var.project_id
  name                       = each.key
  kms_key_name               = var.kms_key_name
  message_retention_duration = var.message_retention_duration
  labels                     = var.labels

  depends_on = [google_kms_crypto_key_iam_member.pubsub_agent]
}

# Pub/Sub forwards a message its subscriber kept failing on to the dead-letter topic as its own
# service agent, so the agent publishes to every dead-letter topic (and, below, acknowledges the
# source subscriptions).
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.dead_letter_names

  project = var.project_id
  topic   = google_pubsub_topic.this[each.key].name
  role    = "roles/pubsub.publisher"
  member  = local.pubsub_agent
}

# The subscribers' subscriptions are created by `firebase deploy` (Eventarc names them), so their
# names are unknown here, and Pub/Sub takes no IAM conditions: the agent's subscriber role is
# granted on the project. It is Google's own agent, which acts only for dead-letter policies.
resource "google_project_iam_member" "dead_letter_subscriber" {
  count = length(local.dead_letter_names) > 0 ? 1 : 0

  project = var.project_id
  role    = "roles/pubsub.subscriber"
  member  = local.pubsub_agent
}

# A pull subscription on each dead-letter topic keeps what lands there for an operator to inspect
# (docs/runbooks/dead-letter-messages.md); without one Pub/Sub would drop the messages.
resource "google_pubsub_subscription" "dead_letter_inspection" {
  for_each = local.dead_letter_names

  project                    = var.project_id
  name                       = "${each.key}-inspection"
  topic                      = google_pubsub_topic.this[each.key].id
  message_retention_duration = var.message_retention_duration
  retain_acked_messages      = true
  ack_deadline_seconds       = 60
  labels                     = var.labels

  expiration_policy {
    ttl = ""
  }
}
