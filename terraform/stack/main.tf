locals {
  # The one declaration of queues, topics, subscriptions and schedules, read by the code too
  # (functions/src/cloud-resources.ts): the two can never disagree.
  cloud_resources = jsondecode(file("${path.module}/../../functions/src/cloud-resources.json"))

  # Every secret the code binds with defineSecret (functions/src/config.ts).
  secrets = {
    MONGODB_URI            = { description = "Connection string of the Atlas cluster, with the functions' user and password (mongodb+srv://…/userx)." }
    PAYOUTS_API_KEY        = { description = "Tremendous API key (production or testflight sandbox) the cash payouts are sent with." }
    PAYOUTS_WEBHOOK_SECRET = { description = "Private key of the Tremendous webhook, which signs every notification it sends to payoutProviderEvents." }
    CLOUDINARY_API_SECRET  = { description = "Cloudinary API secret: signs direct uploads and private download URLs, and verifies the upload notifications media receives." }
    MAIL_SMTP_PASSWORD     = { description = "Password of the email provider's SMTP relay (MAIL_SMTP_USER at MAIL_SMTP_HOST), which the notification emails are sent through." }
    EMAIL_LINK_SECRET      = { description = "At least 32 random characters: the HMAC key that signs the one-click unsubscribe links of emails (and checks them)." }
  }

  services = toset([
    "artifactregistry.googleapis.com", "cloudbuild.googleapis.com", "cloudfunctions.googleapis.com",
    "cloudkms.googleapis.com", "cloudresourcemanager.googleapis.com", "cloudscheduler.googleapis.com",
    "cloudtasks.googleapis.com", "cloudtrace.googleapis.com", "compute.googleapis.com",
    "eventarc.googleapis.com", "firebase.googleapis.com", "firebasehosting.googleapis.com",
    "iam.googleapis.com", "iamcredentials.googleapis.com", "identitytoolkit.googleapis.com",
    "logging.googleapis.com", "monitoring.googleapis.com", "pubsub.googleapis.com",
    "redis.googleapis.com", "run.googleapis.com", "secretmanager.googleapis.com",
    "servicenetworking.googleapis.com", "serviceusage.googleapis.com", "sts.googleapis.com",
    "vpcaccess.googleapis.com",
  ])

  # One subnet and one /28 connector range per region, in a fixed order.
  network_regions = { for i, region in var.api_regions : region => {
    subnet_cidr    = cidrsubnet("10.10.0.0/16", 8, i)
    connector_cidr = cidrsubnet("10.20.0.0/16", 12, i)
  } }
}

data "google_project" "this" {
  project_id = var.project_id
}

module "services" {
  source = "../modules/project-services"

  project_id = var.project_id
  services   = local.services
}

module "kms" {
  source = "../modules/kms"

  project_id = var.project_id
  location   = var.primary_region
  keys = {
    secrets = {}
    pubsub  = {}
    redis   = {}
  }

  depends_on = [module.services]
}

module "secrets" {
  source = "../modules/secrets"

  project_id        = var.project_id
  secrets           = local.secrets
  replica_locations = var.api_regions

  depends_on = [module.services]
}

module "pubsub" {
  source = "../modules/pubsub"

  project_id     = var.project_id
  project_number = data.google_project.this.number
  topics         = local.cloud_resources.topics
  kms_key_name   = module.kms.key_ids["pubsub"]
}

module "task_queues" {
  source = "../modules/task-queues"

  project_id = var.project_id
  location   = var.primary_region
  queues     = local.cloud_resources.queues

  depends_on = [module.services]
}

module "function_identities" {
  source = "../modules/function-identities"

  project_id  = var.project_id
  secret_ids  = module.secrets.secret_ids
  topic_ids   = module.pubsub.topic_ids
  queue_ids   = module.task_queues.queue_ids
  kms_key_ids = module.kms.key_ids
}

module "network" {
  source = "../modules/network"

  project_id = var.project_id
  regions    = local.network_regions

  depends_on = [module.services]
}

module "redis" {
  source = "../modules/redis"

  project_id     = var.project_id
  project_number = data.google_project.this.number
  region         = var.primary_region
  network_id     = module.network.network_id
  tier           = var.redis_tier
  kms_key_name   = module.kms.key_ids["redis"]

  depends_on = [module.network]
}

module "atlas" {
  source = "../modules/atlas"

  org_id                 = var.atlas_org_id
  project_name           = "userx-${var.environment}"
  instance_size          = var.atlas_instance_size
  primary_region         = var.primary_region
  read_only_regions      = toset(slice(var.api_regions, 1, length(var.api_regions)))
  database_user_password = var.atlas_database_user_password
  gcp_project_id         = var.project_id
  network_name           = module.network.network_name
  allowed_cidrs          = toset(flatten([for _, r in local.network_regions : [r.subnet_cidr, r.connector_cidr]]))
}

module "hosting" {
  source = "../modules/hosting"

  project_id    = var.project_id
  site_id       = var.hosting_site_id
  custom_domain = var.console_domain

  depends_on = [module.services]
}

module "global_lb" {
  source = "../modules/global-lb"

  project_id = var.project_id
  regions    = var.api_regions
  routes     = module.function_identities.api_routes
  domains    = [var.api_domain]

  depends_on = [module.services]
}

module "github_wif" {
  source = "../modules/github-wif"

  project_id    = var.project_id
  repository    = var.github_repository
  repository_id = var.github_repository_id
  environment   = var.environment
  # firebase deploy runs each function as its own account: acting as those accounts alone.
  act_as_service_accounts = module.function_identities.service_account_names
  deployer_roles = [
    "roles/cloudfunctions.admin", "roles/run.admin", "roles/firebasehosting.admin",
    "roles/iam.serviceAccountAdmin", "roles/resourcemanager.projectIamAdmin",
    "roles/pubsub.admin", "roles/cloudtasks.admin", "roles/cloudkms.admin", "roles/secretmanager.admin",
    "roles/secretmanager.secretAccessor", "roles/compute.loadBalancerAdmin", "roles/compute.networkAdmin",
    "roles/compute.securityAdmin", "roles/redis.admin", "roles/vpcaccess.admin", "roles/monitoring.admin",
    "roles/logging.configWriter", "roles/iam.workloadIdentityPoolAdmin", "roles/serviceusage.serviceUsageAdmin",
    "roles/cloudscheduler.admin", "roles/eventarc.admin", "roles/artifactregistry.admin",
    "roles/storage.objectAdmin",
  ]

  depends_on = [module.services]
}

module "monitoring" {
  source = "../modules/monitoring"

  project_id          = var.project_id
  environment         = var.environment
  notification_emails = var.notification_emails
  health_host         = var.api_domain
  runbook_base_url    = "https://github.com/${var.github_repository}/blob/main"

  depends_on = [module.services]
}
