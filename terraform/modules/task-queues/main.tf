# Every queue and its retry config come from the declaration the code reads
# (functions/src/cloud-resources.json); nothing here restates a number.
resource "google_cloud_tasks_queue" "this" {
  for_each = var.queues

  project  = var.project_id
  location = var.location
  name     = each.key

  retry_config {
    max_attempts  = each.value.retryPolicy.maxAttempts
    min_backoff   = "${each.value.retryPolicy.minBackoffSeconds}s"
    max_backoff   = "${each.value.retryPolicy.maxBackoffSeconds}s"
    max_doublings = each.value.retryPolicy.maxDoublings
  }

  dynamic "rate_limits" {
    for_each = each.value.rateLimits == null ? [] : [each.value.rateLimits]
    content {
      max_concurrent_dispatches = rate_limits.value.maxConcurrentDispatches
    }
  }

  stackdriver_logging_config {
    sampling_ratio = var.log_sampling_ratio
  }
}
