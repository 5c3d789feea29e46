output "service_account_emails" {
  description = "Each function's service account email, keyed by exported function name: the serviceAccount option of the function in functions/src/index.ts."
  value       = { for name, sa in google_service_account.function : name => sa.email }
}

output "tasks_invoker_email" {
  description = "The Cloud Tasks invoker's email: the functions' TASKS_INVOKER_SERVICE_ACCOUNT."
  value       = google_service_account.tasks_invoker.email
}

output "api_routes" {
  description = "The public HTTPS functions, deployed in every API region behind the load balancer, and the paths each serves."
  value       = { for name, f in local.functions : name => f.paths if f.kind == "https" }
}

output "functions" {
  description = "The function catalog (kind, max instances, grants), keyed by exported function name."
  value       = local.functions
}

output "service_account_names" {
  description = "Every service account the functions run as or sign tasks as (projects/…/serviceAccounts/…), keyed by function name and tasks-invoker: the deployer acts as these."
  value       = merge({ for name, sa in google_service_account.function : name => sa.name }, { "tasks-invoker" = google_service_account.tasks_invoker.name })
}
