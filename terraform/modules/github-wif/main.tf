resource "google_iam_workload_identity_pool" "github" {
  project                   = var.project_id
  workload_identity_pool_id = "github"
  display_name              = "GitHub Actions"
  description               = "Tokens of ${var.repository}'s workflows; no key files exist."
}

resource "google_iam_workload_identity_pool_provider" "github" {
  # checkov:skip=CKV_GCP_125:the condition below pins repository_id and a sub of repo:<owner/name>:environment:<env> or :pull_request; checkov only recognises a literal owner/name, not var.repository (validated as owner/name)
  # checkov:skip=CKV_GCP_118:attribute_condition is set below (this check passes on the module alone); it fails only when checkov evaluates the environments' module call
  project                            = var.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = "github-actions"
  display_name                       = "GitHub Actions OIDC"

  attribute_mapping = {
    "google.subject"          = "assertion.sub"
    "attribute.repository"    = "assertion.repository"
    "attribute.repository_id" = "assertion.repository_id"
    "attribute.ref"           = "assertion.ref"
    "attribute.environment"   = "assertion.environment"
    "attribute.event_name"    = "assertion.event_name"
  }

  # Only this repository's jobs in the deploy environment, or on its pull requests, get a token,
  # whatever the bindings below say (the id guards against a deleted and re-created name).
  attribute_condition = "assertion.repository_id == \"${var.repository_id}\" && (assertion.sub == \"repo:${var.repository}:environment:${var.environment}\" || assertion.sub == \"repo:${var.repository}:pull_request\")"

  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account" "deployer" {
  project      = var.project_id
  account_id   = "github-deployer"
  display_name = "GitHub Actions deployer"
  description  = "tofu apply, migrations and firebase deploy from ${var.repository}'s main branch, environment ${var.environment}."
}

resource "google_service_account" "planner" {
  project      = var.project_id
  account_id   = "github-planner"
  display_name = "GitHub Actions planner"
  description  = "tofu plan (read-only) on ${var.repository}'s pull requests."
}

# The deployer is only reachable from a job in the approved environment.
resource "google_service_account_iam_member" "deployer_wif" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.environment/${var.environment}"
}

resource "google_service_account_iam_member" "planner_wif" {
  service_account_id = google_service_account.planner.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.repository/${var.repository}"
}

resource "google_project_iam_member" "deployer" {
  # checkov:skip=CKV_GCP_49:tofu apply creates and manages the functions' service accounts (iam.serviceAccountAdmin); only a job in the approved environment can act as the deployer
  for_each = var.deployer_roles

  project = var.project_id
  role    = each.key
  member  = google_service_account.deployer.member
}

resource "google_project_iam_member" "planner" {
  # checkov:skip=CKV_GCP_117:tofu plan reads every resource type the configuration manages, which no narrower predefined role covers; roles/viewer reads no secret value or data
  for_each = var.planner_roles

  project = var.project_id
  role    = each.key
  member  = google_service_account.planner.member
}

# firebase deploy sets each function's service account, which is acting as it: granted on those
# accounts alone, not on the project.
resource "google_service_account_iam_member" "deployer_acts_as" {
  for_each = var.act_as_service_accounts

  service_account_id = each.value
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.deployer.member
}
