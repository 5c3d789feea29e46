output "key_ring_id" {
  description = "The key ring's id (projects/…/locations/…/keyRings/…)."
  value       = google_kms_key_ring.this.id
}

output "key_ids" {
  description = "Crypto key ids (usable as KMS_KEY_NAME), keyed by key name."
  value       = { for name, key in google_kms_crypto_key.this : name => key.id }
}
