output "metric_names" {
  description = "Log-based metric names (logging.googleapis.com/user/<name>), keyed by short name."
  value       = { for name, m in google_logging_metric.this : name => m.name }
}

output "alert_policy_ids" {
  description = "Alert policy ids, keyed by alert name (the runbook docs/runbooks/<name>.md)."
  value = merge(
    { for name, p in google_monitoring_alert_policy.log_metric : name => p.id },
    { "health-uptime" = google_monitoring_alert_policy.health_uptime.id, "dead-letter-messages" = google_monitoring_alert_policy.dead_letter_messages.id },
  )
}

output "uptime_check_id" {
  description = "The /v1/health uptime check's id."
  value       = google_monitoring_uptime_check_config.health.uptime_check_id
}

output "dashboard_id" {
  description = "The overview dashboard's id."
  value       = google_monitoring_dashboard.overview.id
}
