output "site_id" {
  description = "The Hosting site's id (`firebase deploy --only hosting:<site_id>`)."
  value       = google_firebase_hosting_site.this.site_id
}

output "default_url" {
  description = "The site's default URL."
  value       = google_firebase_hosting_site.this.default_url
}

output "dns_records" {
  description = "DNS records the custom domain needs (empty without one)."
  value       = [for d in google_firebase_hosting_custom_domain.this : d.required_dns_updates]
}
