output "secret_ids" {
  description = "Secret ids (projects/…/secrets/…), keyed by secret name."
  value       = { for name, secret in google_secret_manager_secret.this : name => secret.id }
}
