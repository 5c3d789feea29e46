output "services" {
  description = "The enabled APIs, by name: depend on an entry to order a resource after its API."
  value       = { for name, service in google_project_service.this : name => service.service }
}
