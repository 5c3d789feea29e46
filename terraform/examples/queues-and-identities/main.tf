# The queues, topics, keys and secrets of functions/src/cloud-resources.json and config.ts, and a
# service account per function with its grants: what the functions need to run, without the
# network, the database or the load balancer.
locals {
  cloud_resources = jsondecode(file("${path.module}/../../../functions/src/cloud-resources.json"))
}

data "google_project" "this" {
  project_id = var.project_id
}

module "services" {
  source = "../../modules/project-services"

  project_id = var.project_id
  services   = ["cloudkms.googleapis.com", "cloudtasks.googleapis.com", "pubsub.googleapis.com", "secretmanager.googleapis.com"]
}

module "kms" {
  source = "../../modules/kms"

  project_id = var.project_id
  location   = "us-central1"
  keys       = { secrets = {}, pubsub = { rotation_period = "2592000s" } }

  depends_on = [module.services]
}

module "secrets" {
  source = "../../modules/secrets"

  project_id        = var.project_id
  secrets           = { MONGODB_URI = { description = "Connection string of the database." } }
  replica_locations = ["us-central1"]

  depends_on = [module.services]
}

module "pubsub" {
  source = "../../modules/pubsub"

  project_id     = var.project_id
  project_number = data.google_project.this.number
  topics         = local.cloud_resources.topics
  kms_key_name   = module.kms.key_ids["pubsub"]
}

module "task_queues" {
  source = "../../modules/task-queues"

  project_id = var.project_id
  location   = "us-central1"
  queues     = local.cloud_resources.queues

  depends_on = [module.services]
}

module "function_identities" {
  source = "../../modules/function-identities"

  project_id  = var.project_id
  secret_ids  = module.secrets.secret_ids
  topic_ids   = module.pubsub.topic_ids
  queue_ids   = module.task_queues.queue_ids
  kms_key_ids = module.kms.key_ids
}
