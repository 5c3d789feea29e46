# Production: the API in North America, Europe and Asia-Pacific behind the global load balancer,
# Atlas read-only nodes in the two other regions. Secrets (the Atlas password, the Atlas API keys)
# come from the environment, never from this file.
environment     = "production"
project_id      = "userx-production"
primary_region  = "us-central1"
api_regions     = ["us-central1", "europe-west1", "asia-southeast1"]
api_domain      = "api.userx.example"
hosting_site_id = "userx-production"
console_domain  = "app.userx.example"
atlas_org_id    = "000000000000000000000000"
# M50, not M40: with the functions as index.ts deploys them (maxInstances 20, a pool of 20),
# M40's 6 000 connections cannot hold the budget (terraform/test/connection-budget.test.ts).
atlas_instance_size  = "M50"
redis_tier           = "STANDARD_HA"
github_repository    = "user-x/user-x"
github_repository_id = "100000000"
notification_emails = {
  oncall = "oncall@userx.example"
  team   = "platform-team@userx.example"
}
