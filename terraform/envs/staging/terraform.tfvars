# Staging: one region, the smallest tiers the budget and the checks allow. Secrets (the Atlas
# password, the Atlas API keys) come from the environment, never from this file.
environment     = "staging"
project_id      = "userx-staging"
primary_region  = "us-central1"
api_regions     = ["us-central1"]
api_domain      = "api.staging.userx.example"
hosting_site_id = "userx-staging"
atlas_org_id    = "000000000000000000000000"
# M50, not M40: with the functions as index.ts deploys them (maxInstances 20, a pool of 20),
# M40's 6 000 connections cannot hold the budget (terraform/test/connection-budget.test.ts).
atlas_instance_size  = "M50"
redis_tier           = "BASIC"
github_repository    = "user-x/user-x"
github_repository_id = "100000000"
notification_emails = {
  oncall = "oncall+staging@userx.example"
}
