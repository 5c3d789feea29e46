# What operators need around the functions: alerts with their runbooks, the uptime check and the
# dashboard; the Hosting site; and keyless deploys from one GitHub repository.
module "monitoring" {
  source = "../../modules/monitoring"

  project_id          = var.project_id
  environment         = "staging"
  notification_emails = { oncall = "oncall@example.com" }
  health_host         = "api.example.com"
  runbook_base_url    = "https://github.com/example/user-x/blob/main"
}

module "hosting" {
  source = "../../modules/hosting"

  project_id = var.project_id
  site_id    = "userx-example"
}

module "github_wif" {
  source = "../../modules/github-wif"

  project_id              = var.project_id
  repository              = "example/user-x"
  repository_id           = "123456789"
  environment             = "staging"
  deployer_roles          = ["roles/cloudfunctions.admin", "roles/firebasehosting.admin"]
  act_as_service_accounts = {}
}
