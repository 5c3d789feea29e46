output "host" {
  description = "Private address of the instance (the functions' REDIS_HOST)."
  value       = google_redis_instance.this.host
}

output "port" {
  description = "Port of the instance."
  value       = google_redis_instance.this.port
}

output "server_ca_certs" {
  description = "CA certificates the clients verify the instance's TLS certificate with."
  value       = [for c in google_redis_instance.this.server_ca_certs : c.cert]
}
