output "ip_address" {
  description = "The load balancer's global address: the A record of every API domain."
  value       = google_compute_global_address.api.address
}

output "backend_services" {
  description = "Backend service ids by function name (each spans every region)."
  value       = { for name, b in google_compute_backend_service.function : name => b.id }
}

output "endpoint_groups" {
  description = "Serverless network endpoint group ids, keyed function/region."
  value       = { for key, neg in google_compute_region_network_endpoint_group.function : key => neg.id }
}
