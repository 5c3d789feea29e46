# One resource per API, keyed by its name, so adding an API never replaces another.
resource "google_project_service" "this" {
  for_each = var.services

  project = var.project_id
  service = each.key

  # Turning an API off on destroy would break whatever else in the project uses it.
  disable_on_destroy         = false
  disable_dependent_services = false
}
