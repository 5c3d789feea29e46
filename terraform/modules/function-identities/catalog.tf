# Every function exported by functions/src/index.ts, keyed by its exported name, with what it may
# touch. The consistency tests (terraform/test/) fail when index.ts exports a function that is
# missing here, when a function binds a secret this does not grant, or when a queue of
# functions/src/cloud-resources.json is enqueued by no one.
#
#   kind              https (public API, deployed in every API region behind the load balancer),
#                     task (private, called by Cloud Tasks only), subscriber, schedule
#   max_instances     as index.ts deploys it (setGlobalOptions); the tests compare the two
#   secrets           Secret Manager secrets it binds (defineSecret)
#   publishes         topics it publishes to
#   enqueues          Cloud Tasks queues it creates tasks in (the use cases it reaches, app/**)
#   kms_keys          crypto keys it encrypts or decrypts with (webhook signing secrets; the data keys of
#                     personal data, which every function reading users, submissions, payouts, payout
#                     details or invitations opens)
#   reads_auth_users  looks up Firebase Auth users by email (invitations)
#   paths             the load balancer's path rules of an https function (firebase.json's rewrites)
locals {
  functions = {
    health = {
      account_id = "fn-health", kind = "https", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = [], enqueues = [], kms_keys = [], reads_auth_users = false
      paths      = ["/v1/health", "/v1/health/*"]
    }
    openapi = {
      account_id = "fn-openapi", kind = "https", max_instances = 20, secrets = []
      publishes  = [], enqueues = [], kms_keys = [], reads_auth_users = false
      paths      = ["/v1/openapi.json"]
    }
    organizations = {
      account_id = "fn-organizations", kind = "https", max_instances = 20, secrets = ["MONGODB_URI", "EMAIL_LINK_SECRET"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay", "user-erasure"], kms_keys = ["secrets"], reads_auth_users = true
      paths      = ["/v1/organizations", "/v1/organizations/*", "/v1/account", "/v1/account/*", "/v1/me", "/v1/me/erasure/cancel", "/v1/me/email-preferences", "/v1/unsubscribe/*"]
    }
    opportunities = {
      account_id = "fn-opportunities", kind = "https", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay", "opportunity-expiry"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = ["/v1/opportunities", "/v1/opportunities/*"]
    }
    claims = {
      account_id = "fn-claims", kind = "https", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay", "submission-auto-approval"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = ["/v1/claims", "/v1/claims/*"]
    }
    submissions = {
      account_id = "fn-submissions", kind = "https", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay", "submission-auto-approval"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = ["/v1/submissions", "/v1/submissions/*"]
    }
    rewards = {
      account_id = "fn-rewards", kind = "https", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = ["/v1/rewards", "/v1/rewards/*"]
    }
    payouts = {
      account_id = "fn-payouts", kind = "https", max_instances = 2, secrets = ["MONGODB_URI"]
      publishes  = [], enqueues = ["payout-sending"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = ["/v1/me/payout-details", "/v1/me/payouts"]
    }
    media = {
      account_id = "fn-media", kind = "https", max_instances = 4, secrets = ["MONGODB_URI", "CLOUDINARY_API_SECRET"]
      publishes  = [], enqueues = [], kms_keys = ["secrets"], reads_auth_users = false
      # Its /v1/claims/{claimId}/uploads and /media routes, like rewards' voucher pools under
      # /v1/organizations, are matched by Hosting's regex rewrite; load-balancer path rules take no
      # wildcard mid-path (a route rule with a path template would).
      paths = ["/v1/media/notifications"]
    }
    payoutProviderEvents = {
      account_id = "fn-payout-provider-events", kind = "https", max_instances = 2, secrets = ["MONGODB_URI", "PAYOUTS_API_KEY", "PAYOUTS_WEBHOOK_SECRET"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = ["/v1/payout-provider/events"]
    }
    relayOutbox = {
      account_id = "fn-relay-outbox", kind = "task", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    deliverWebhook = {
      account_id = "fn-deliver-webhook", kind = "task", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = [], enqueues = ["webhook-delivery"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    expireOpportunity = {
      account_id = "fn-expire-opportunity", kind = "task", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay", "opportunity-expiry"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    eraseUser = {
      account_id = "fn-erase-user", kind = "task", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    expireClaim = {
      account_id = "fn-expire-claim", kind = "task", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay", "claim-expiry"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    autoApproveSubmission = {
      account_id = "fn-auto-approve-submission", kind = "task", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    sendPayout = {
      account_id = "fn-send-payout", kind = "task", max_instances = 4, secrets = ["MONGODB_URI", "PAYOUTS_API_KEY", "PAYOUTS_WEBHOOK_SECRET"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    issueRewards = {
      account_id = "fn-issue-rewards", kind = "subscriber", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events", "domain-events-dead-letter"], enqueues = ["outbox-relay", "payout-sending"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    fanOutWebhooks = {
      account_id = "fn-fan-out-webhooks", kind = "subscriber", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events-dead-letter"], enqueues = ["webhook-delivery"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    completeOpportunities = {
      account_id = "fn-complete-opportunities", kind = "subscriber", max_instances = 20, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events", "domain-events-dead-letter"], enqueues = ["outbox-relay", "claim-expiry"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    notifyByEmail = {
      account_id = "fn-notify-by-email", kind = "subscriber", max_instances = 3, secrets = ["MONGODB_URI", "MAIL_SMTP_PASSWORD", "EMAIL_LINK_SECRET"]
      publishes  = ["domain-events-dead-letter"], enqueues = [], kms_keys = ["secrets"], reads_auth_users = true
      paths      = []
    }
    sweepOutboxes = {
      account_id = "fn-sweep-outboxes", kind = "schedule", max_instances = 1, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay"], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    rewrapDataKeys = {
      account_id = "fn-rewrap-data-keys", kind = "schedule", max_instances = 1, secrets = ["MONGODB_URI"]
      publishes  = [], enqueues = [], kms_keys = ["secrets"], reads_auth_users = false
      paths      = []
    }
    expirePoints = {
      account_id = "fn-expire-points", kind = "schedule", max_instances = 1, secrets = ["MONGODB_URI"]
      publishes  = ["domain-events"], enqueues = ["outbox-relay"], kms_keys = [], reads_auth_users = false
      paths      = []
    }
    purgeWebhookPayloads = {
      account_id = "fn-purge-webhook-payloads", kind = "schedule", max_instances = 1, secrets = ["MONGODB_URI"]
      publishes  = [], enqueues = [], kms_keys = [], reads_auth_users = false
      paths      = []
    }
    reconcile = {
      account_id = "fn-reconcile", kind = "schedule", max_instances = 1, secrets = ["MONGODB_URI", "MAIL_SMTP_PASSWORD", "EMAIL_LINK_SECRET"]
      publishes  = ["domain-events", "operational-events"], enqueues = ["outbox-relay", "webhook-delivery", "claim-expiry"], kms_keys = ["secrets"], reads_auth_users = true
      paths      = []
    }
  }
}
