output "alert_policy_ids" {
  description = "Alert policies, keyed by alert name (each has docs/runbooks/<name>.md)."
  value       = module.monitoring.alert_policy_ids
}

output "workload_identity_provider" {
  description = "The workflow's workload_identity_provider."
  value       = module.github_wif.workload_identity_provider
}

output "hosting_url" {
  description = "The Hosting site's default URL."
  value       = module.hosting.default_url
}
