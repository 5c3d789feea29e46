output "project_id" {
  description = "The Atlas project's id."
  value       = mongodbatlas_project.this.id
}

output "connection_string" {
  description = "The cluster's private (peered) SRV connection string, without credentials: the MONGODB_URI secret adds the user and password."
  value       = mongodbatlas_advanced_cluster.this.connection_strings[0].private_srv
}

output "connection_limit" {
  description = "Connections each node of the chosen tier accepts."
  value       = local.connection_limits[var.instance_size]
}

output "database_user" {
  description = "The functions' database user name."
  value       = mongodbatlas_database_user.functions.username
}

output "public_connection_string" {
  description = "The cluster's public SRV string, without credentials: reachable only from an address on the access list (the deploy workflow adds its runner for the migration, for an hour)."
  value       = mongodbatlas_advanced_cluster.this.connection_strings[0].standard_srv
}
