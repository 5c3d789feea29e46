output "queue_ids" {
  description = "Queue ids (projects/…/locations/…/queues/…), keyed by queue name."
  value       = { for name, queue in google_cloud_tasks_queue.this : name => queue.id }
}

output "queue_names" {
  description = "Queue names, keyed by queue name, for per-queue IAM (google_cloud_tasks_queue_iam_member)."
  value       = { for name, queue in google_cloud_tasks_queue.this : name => queue.name }
}
