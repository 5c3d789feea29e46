locals {
  # What every function does whatever its job: write logs, metrics and traces.
  runtime_roles = toset(["roles/logging.logWriter", "roles/monitoring.metricWriter", "roles/cloudtrace.agent"])

  runtime_grants = { for pair in setproduct(keys(local.functions), local.runtime_roles) : "${pair[0]}/${pair[1]}" => { function = pair[0], role = pair[1] } }
  secret_grants  = merge([for name, f in local.functions : { for s in f.secrets : "${name}/${s}" => { function = name, secret = s } }]...)
  topic_grants   = merge([for name, f in local.functions : { for t in f.publishes : "${name}/${t}" => { function = name, topic = t } }]...)
  queue_grants   = merge([for name, f in local.functions : { for q in f.enqueues : "${name}/${q}" => { function = name, queue = q } }]...)
  key_grants     = merge([for name, f in local.functions : { for k in f.kms_keys : "${name}/${k}" => { function = name, key = k } }]...)
  enqueuers      = toset([for name, f in local.functions : name if length(f.enqueues) > 0])
  task_handlers  = toset([for name, f in local.functions : name if f.kind == "task"])
}

resource "google_service_account" "function" {
  for_each = local.functions

  project      = var.project_id
  account_id   = each.value.account_id
  display_name = "User-X function ${each.key}"
  description  = "Runs the ${each.value.kind} function ${each.key}; set as its serviceAccount in functions/src/index.ts."
}

resource "google_project_iam_member" "runtime" {
  for_each = local.runtime_grants

  project = var.project_id
  role    = each.value.role
  member  = google_service_account.function[each.value.function].member
}

resource "google_secret_manager_secret_iam_member" "accessor" {
  for_each = local.secret_grants

  project   = var.project_id
  secret_id = var.secret_ids[each.value.secret]
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.function[each.value.function].member
}

resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = local.topic_grants

  project = var.project_id
  topic   = var.topic_ids[each.value.topic]
  role    = "roles/pubsub.publisher"
  member  = google_service_account.function[each.value.function].member
}

resource "google_cloud_tasks_queue_iam_member" "enqueuer" {
  for_each = local.queue_grants

  project  = var.project_id
  location = split("/", var.queue_ids[each.value.queue])[3]
  name     = var.queue_ids[each.value.queue]
  role     = "roles/cloudtasks.enqueuer"
  member   = google_service_account.function[each.value.function].member
}

resource "google_kms_crypto_key_iam_member" "encrypter_decrypter" {
  for_each = local.key_grants

  crypto_key_id = var.kms_key_ids[each.value.key]
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = google_service_account.function[each.value.function].member
}

# Invitations look a person up by email (getUserByEmail): read-only access to Firebase Auth users.
resource "google_project_iam_member" "auth_reader" {
  for_each = { for name, f in local.functions : name => f if f.reads_auth_users }

  project = var.project_id
  role    = "roles/firebaseauth.viewer"
  member  = google_service_account.function[each.key].member
}

# The identity Cloud Tasks signs every task's OIDC token as (TASKS_INVOKER_SERVICE_ACCOUNT); the
# task handlers accept no other caller.
resource "google_service_account" "tasks_invoker" {
  project      = var.project_id
  account_id   = "tasks-invoker"
  display_name = "User-X Cloud Tasks invoker"
  description  = "Cloud Tasks presents an OIDC token for this account to the private task handlers."
}

# Creating a task that carries the invoker's token is acting as the invoker.
resource "google_service_account_iam_member" "enqueuer_acts_as_invoker" {
  for_each = local.enqueuers

  service_account_id = google_service_account.tasks_invoker.name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.function[each.key].member
}

# The task handlers are Cloud Run services that `firebase deploy` creates after this apply, so the
# invoker's right to call them is granted on the project, conditioned on their service names.
resource "google_project_iam_member" "invoker_calls_task_handlers" {
  project = var.project_id
  role    = "roles/run.invoker"
  member  = google_service_account.tasks_invoker.member

  condition {
    title       = "task-handlers-only"
    description = "Only the task handlers' Cloud Run services."
    expression  = join(" || ", [for name in sort(tolist(local.task_handlers)) : "resource.name.endsWith(\"/services/${lower(name)}\")"])
  }
}
