# The site `firebase deploy --only hosting` publishes to (firebase.json: hosting, its rewrites to
# the API functions). Hosting resources exist in the google-beta provider only.
resource "google_firebase_hosting_site" "this" {
  provider = google-beta

  project = var.project_id
  site_id = var.site_id
}

resource "google_firebase_hosting_custom_domain" "this" {
  provider = google-beta
  count    = var.custom_domain == null ? 0 : 1

  project         = var.project_id
  site_id         = google_firebase_hosting_site.this.site_id
  custom_domain   = var.custom_domain
  cert_preference = "GROUPED"

  # Creation returns once DNS is pending; the records are published by whoever owns the zone.
  wait_dns_verification = false
}
