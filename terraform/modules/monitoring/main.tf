locals {
  # The functions' structured logs (firebase-functions logger: jsonPayload.code is the event name)
  # and the platform's request logs.
  function_logs = "resource.type=\"cloud_run_revision\""

  # Log-based metrics, keyed by metric name.
  metrics = {
    api_5xx = {
      description = "API responses with a 5xx status, from the functions' request logs."
      filter      = "${local.function_logs} AND httpRequest.status>=500"
    }
    webhook_failures = {
      description = "Webhook delivery attempts that failed (the deliverWebhook task failed, or the endpoint gate could not be released)."
      filter      = "${local.function_logs} AND ((resource.labels.service_name=\"deliverwebhook\" AND jsonPayload.message=(\"task failed; Cloud Tasks will retry\" OR \"task failed for good\")) OR jsonPayload.code=\"webhook.gate.release_failed\")"
    }
    reward_failures = {
      description = "Rewards that failed to issue: the issueRewards subscriber retried or gave up on an event."
      filter      = "${local.function_logs} AND jsonPayload.code=(\"event.retry\" OR \"event.failed_for_good\") AND (jsonPayload.subscriber=\"issueRewards\" OR jsonPayload.consumer=\"issueRewards\")"
    }
    outbox_aged_events = {
      description = "Outbox events that were not published when written: found by the sweep (at least minutes old) or stranded when neither Pub/Sub nor Cloud Tasks took them."
      filter      = "${local.function_logs} AND jsonPayload.code=(\"outbox.sweep.done\" OR \"outbox.dispatch.stranded\" OR \"outbox.sweep.failed\")"
    }
    rate_limited = {
      description = "Requests refused with 429: Cloud Armor's per-address limit, and the functions' own (none yet; the code declares rate_limited)."
      filter      = "(${local.function_logs} OR resource.type=\"http_load_balancer\") AND httpRequest.status=429"
    }
    # Business metrics: each domain event is handled once per subscriber ("event.handled"; a
    # redelivery logs "event.skipped"), and each task logs one "task.done" with its outcome.
    claims_created = {
      description = "Claims taken: claim.created.v1 handled by the completeOpportunities subscriber."
      filter      = "${local.function_logs} AND jsonPayload.code=\"event.handled\" AND jsonPayload.subscriber=\"completeOpportunities\" AND jsonPayload.type=\"claim.created.v1\""
    }
    claims_completed = {
      description = "Claims completed: claim.completed.v1 handled by the issueRewards subscriber."
      filter      = "${local.function_logs} AND jsonPayload.code=\"event.handled\" AND jsonPayload.subscriber=\"issueRewards\" AND jsonPayload.type=\"claim.completed.v1\""
    }
    rewards_issued = {
      description = "Rewards issued: the issueRewards subscriber's outcome for a completed claim."
      filter      = "${local.function_logs} AND jsonPayload.code=\"event.handled\" AND jsonPayload.subscriber=\"issueRewards\" AND jsonPayload.outcome=\"reward issued\""
    }
    webhook_deliveries = {
      description = "Webhook messages delivered: deliverWebhook tasks done with the outcome delivered (set beside webhook_failures for the success rate)."
      filter      = "${local.function_logs} AND jsonPayload.code=\"task.done\" AND jsonPayload.functionName=\"deliverWebhook\" AND jsonPayload.outcome=\"delivered\""
    }
    reconciliation_breaks = {
      description = "Invariants reconciliation found broken (repaired or not), or could not check."
      filter      = "${local.function_logs} AND (jsonPayload.code=~\"^reconcile\\\\.\" AND NOT jsonPayload.code=\"reconcile.done\")"
    }
  }

  # Alert policies, keyed by name: each has docs/runbooks/<name>.md (the consistency tests check).
  alerts = {
    api-5xx-rate = {
      title     = "API answers 5xx"
      metric    = "api_5xx"
      window    = "300s"
      threshold = var.thresholds.api_5xx_per_5m
    }
    webhook-delivery-failures = {
      title     = "Webhook deliveries failing"
      metric    = "webhook_failures"
      window    = "900s"
      threshold = var.thresholds.webhook_failures_per_15m
    }
    reward-failures = {
      title     = "Rewards failing to issue"
      metric    = "reward_failures"
      window    = "900s"
      threshold = var.thresholds.reward_failures_per_15m
    }
    outbox-backlog = {
      title     = "Outbox events not published when written"
      metric    = "outbox_aged_events"
      window    = "900s"
      threshold = var.thresholds.outbox_aged_events_per_15m
    }
    rate-limit-refusals = {
      title     = "Many requests refused by rate limits"
      metric    = "rate_limited"
      window    = "300s"
      threshold = var.thresholds.rate_limited_per_5m
    }
    reconciliation-breaks = {
      title     = "Reconciliation found broken invariants"
      metric    = "reconciliation_breaks"
      window    = "3600s"
      threshold = var.thresholds.reconciliation_breaks_per_h
    }
  }
}

resource "google_monitoring_notification_channel" "email" {
  for_each = var.notification_emails

  project      = var.project_id
  display_name = "User-X ${var.environment}: ${each.key}"
  type         = "email"
  labels = {
    email_address = each.value
  }
}

resource "google_logging_metric" "this" {
  for_each = local.metrics

  project     = var.project_id
  name        = "userx/${each.key}"
  description = each.value.description
  filter      = each.value.filter

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }
}

resource "google_monitoring_alert_policy" "log_metric" {
  for_each = local.alerts

  project               = var.project_id
  display_name          = "User-X ${var.environment}: ${each.value.title}"
  combiner              = "OR"
  notification_channels = [for c in google_monitoring_notification_channel.email : c.id]

  conditions {
    display_name = "${each.value.metric} over ${each.value.threshold} in ${each.value.window}"
    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.this[each.value.metric].name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = each.value.threshold - 1
      duration        = "0s"
      aggregations {
        alignment_period     = each.value.window
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Runbook: ${var.runbook_base_url}/docs/runbooks/${each.key}.md"
  }

  alert_strategy {
    auto_close = "86400s"
  }
}

resource "google_monitoring_uptime_check_config" "health" {
  project      = var.project_id
  display_name = "User-X ${var.environment}: /v1/health"
  timeout      = "10s"
  period       = "60s"

  http_check {
    path         = "/v1/health"
    port         = 443
    use_ssl      = true
    validate_ssl = true
    accepted_response_status_codes {
      status_class = "STATUS_CLASS_2XX"
    }
  }

  monitored_resource {
    type = "uptime_url"
    labels = {
      project_id = var.project_id
      host       = var.health_host
    }
  }
}

resource "google_monitoring_alert_policy" "health_uptime" {
  project               = var.project_id
  display_name          = "User-X ${var.environment}: /v1/health failing"
  combiner              = "OR"
  notification_channels = [for c in google_monitoring_notification_channel.email : c.id]

  conditions {
    display_name = "uptime check failing from at least 2 locations"
    condition_threshold {
      filter          = "metric.type=\"monitoring.googleapis.com/uptime_check/check_passed\" AND resource.type=\"uptime_url\" AND metric.label.check_id=\"${google_monitoring_uptime_check_config.health.uptime_check_id}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 1
      duration        = "120s"
      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_NEXT_OLDER"
        cross_series_reducer = "REDUCE_COUNT_FALSE"
        group_by_fields      = ["resource.label.host"]
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Runbook: ${var.runbook_base_url}/docs/runbooks/health-uptime.md"
  }
}

resource "google_monitoring_alert_policy" "dead_letter_messages" {
  project               = var.project_id
  display_name          = "User-X ${var.environment}: messages in the dead-letter topic"
  combiner              = "OR"
  notification_channels = [for c in google_monitoring_notification_channel.email : c.id]

  conditions {
    display_name = "undelivered messages on a dead-letter inspection subscription"
    condition_threshold {
      filter          = "metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\" AND resource.type=\"pubsub_subscription\" AND resource.label.subscription_id=ends_with(\"-inspection\")"
      comparison      = "COMPARISON_GT"
      threshold_value = var.thresholds.dead_letter_messages - 1
      duration        = "300s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    mime_type = "text/markdown"
    content   = "Runbook: ${var.runbook_base_url}/docs/runbooks/dead-letter-messages.md"
  }
}

resource "google_monitoring_dashboard" "overview" {
  project = var.project_id
  dashboard_json = jsonencode({
    displayName = "User-X ${var.environment}"
    mosaicLayout = {
      columns = 12
      tiles = [for i, name in sort(keys(local.metrics)) : {
        xPos   = (i % 2) * 6
        yPos   = floor(i / 2) * 4
        width  = 6
        height = 4
        widget = {
          title = local.metrics[name].description
          xyChart = {
            dataSets = [{
              plotType = "LINE"
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.this[name].name}\""
                  aggregation = {
                    alignmentPeriod    = "300s"
                    perSeriesAligner   = "ALIGN_SUM"
                    crossSeriesReducer = "REDUCE_SUM"
                  }
                }
              }
            }]
          }
        }
      }]
    }
  })
}
