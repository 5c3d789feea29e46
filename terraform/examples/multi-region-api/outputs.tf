output "ip_address" {
  description = "The load balancer's address (the A record of api.example.com)."
  value       = module.global_lb.ip_address
}

output "atlas_connection_string" {
  description = "The cluster's private SRV string."
  value       = module.atlas.connection_string
}
