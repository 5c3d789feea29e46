output "service_accounts" {
  description = "Each function's service account, keyed by exported function name."
  value       = module.function_identities.service_account_emails
}

output "queue_ids" {
  description = "The Cloud Tasks queues, keyed by name."
  value       = module.task_queues.queue_ids
}
