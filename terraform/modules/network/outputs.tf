output "network_id" {
  description = "The VPC network's id."
  value       = google_compute_network.this.id
}

output "network_name" {
  description = "The VPC network's name (Atlas peering names it)."
  value       = google_compute_network.this.name
}

output "connector_ids" {
  description = "Serverless VPC Access connector ids by region: the functions' vpcConnector."
  value       = { for region, c in google_vpc_access_connector.region : region => c.id }
}

output "private_services_connection" {
  description = "The private services access peering; Memorystore depends on it."
  value       = google_service_networking_connection.private_services.peering
}
