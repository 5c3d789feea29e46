output "workload_identity_provider" {
  description = "The provider's full name: the workflow's workload_identity_provider."
  value       = google_iam_workload_identity_pool_provider.github.name
}

output "deployer_email" {
  description = "The deployer service account (apply, migrate, firebase deploy)."
  value       = google_service_account.deployer.email
}

output "planner_email" {
  description = "The read-only planner service account (pull requests)."
  value       = google_service_account.planner.email
}
