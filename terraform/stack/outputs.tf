output "function_service_accounts" {
  description = "Each function's service account, keyed by exported name: the serviceAccount option in functions/src/index.ts."
  value       = module.function_identities.service_account_emails
}

output "tasks_invoker_service_account" {
  description = "TASKS_INVOKER_SERVICE_ACCOUNT of the functions."
  value       = module.function_identities.tasks_invoker_email
}

output "kms_key_name" {
  description = "KMS_KEY_NAME of the functions (the key that wraps data keys)."
  value       = module.kms.key_ids["secrets"]
}

output "vpc_connectors" {
  description = "The functions' vpcConnector, by region."
  value       = module.network.connector_ids
}

output "redis_host" {
  description = "Private address of Memorystore."
  value       = module.redis.host
}

output "atlas_connection_string" {
  description = "The cluster's private SRV string, without credentials (MONGODB_URI adds them)."
  value       = module.atlas.connection_string
}

output "api_ip_address" {
  description = "The API load balancer's address: the A record of api_domain."
  value       = module.global_lb.ip_address
}

output "hosting_dns_records" {
  description = "DNS records the console's custom domain needs."
  value       = module.hosting.dns_records
}

output "workload_identity_provider" {
  description = "The workflow's workload_identity_provider."
  value       = module.github_wif.workload_identity_provider
}

output "deployer_service_account" {
  description = "The workflow's deployer service account."
  value       = module.github_wif.deployer_email
}

output "planner_service_account" {
  description = "The workflow's read-only planner service account."
  value       = module.github_wif.planner_email
}

output "atlas_project_id" {
  description = "The Atlas project's id (the deploy workflow's temporary access-list entry for the migration)."
  value       = module.atlas.project_id
}

output "atlas_public_connection_string" {
  description = "The cluster's public SRV string, without credentials (the migration, from the deploy workflow)."
  value       = module.atlas.public_connection_string
}

output "project_id" {
  description = "The environment's Google Cloud project."
  value       = var.project_id
}
