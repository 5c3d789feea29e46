output "topic_ids" {
  description = "Topic ids (projects/…/topics/…), keyed by topic name."
  value       = { for name, topic in google_pubsub_topic.this : name => topic.id }
}

output "dead_letter_subscription_ids" {
  description = "The inspection subscriptions of the dead-letter topics, keyed by topic name."
  value       = { for name, s in google_pubsub_subscription.dead_letter_inspection : name => s.id }
}
