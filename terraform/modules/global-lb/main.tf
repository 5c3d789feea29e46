locals {
  # One serverless endpoint group per function and region, keyed "function/region".
  endpoints = { for pair in setproduct(keys(var.routes), var.regions) : "${pair[0]}/${pair[1]}" => { function = pair[0], region = pair[1] } }
}

# A Cloud Functions 2nd gen function is a Cloud Run service named after it in lower case.
resource "google_compute_region_network_endpoint_group" "function" {
  for_each = local.endpoints

  project               = var.project_id
  name                  = substr("${var.name}-${lower(each.value.function)}-${each.value.region}", 0, 63)
  region                = each.value.region
  network_endpoint_type = "SERVERLESS"

  cloud_run {
    service = lower(each.value.function)
  }
}

resource "google_compute_security_policy" "api" {
  project     = var.project_id
  name        = "${var.name}-armor"
  description = "Per-address rate limit in front of the API, and Log4j/CVE protection."

  rule {
    action   = "throttle"
    priority = 1000
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
    rate_limit_options {
      conform_action = "allow"
      exceed_action  = "deny(429)"
      enforce_on_key = "IP"
      rate_limit_threshold {
        count        = var.rate_limit_per_minute
        interval_sec = 60
      }
    }
  }

  rule {
    action   = "deny(403)"
    priority = 900
    match {
      expr {
        expression = "evaluatePreconfiguredWaf('cve-canary')"
      }
    }
  }

  rule {
    action   = "allow"
    priority = 2147483647
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
  }
}

resource "google_compute_backend_service" "function" {
  for_each = var.routes

  project               = var.project_id
  name                  = substr("${var.name}-${lower(each.key)}", 0, 63)
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"
  security_policy       = google_compute_security_policy.api.id

  # Only responses the functions mark public (Cache-Control: public, max-age) are cached: every
  # authenticated response says private or no-store.
  enable_cdn = true
  cdn_policy {
    cache_mode        = "USE_ORIGIN_HEADERS"
    default_ttl       = var.cdn_default_ttl
    negative_caching  = false
    serve_while_stale = 0
    cache_key_policy {
      include_host         = true
      include_protocol     = true
      include_query_string = true
    }
  }

  log_config {
    enable      = true
    sample_rate = 1
  }

  dynamic "backend" {
    for_each = [for key, e in local.endpoints : key if e.function == each.key]
    content {
      group = google_compute_region_network_endpoint_group.function[backend.value].id
    }
  }
}

resource "google_compute_url_map" "api" {
  project         = var.project_id
  name            = var.name
  default_service = google_compute_backend_service.function[var.default_function].id

  lifecycle {
    precondition {
      condition     = contains(keys(var.routes), var.default_function)
      error_message = "default_function must be one of the routed functions."
    }
  }

  host_rule {
    hosts        = var.domains
    path_matcher = "api"
  }

  path_matcher {
    name            = "api"
    default_service = google_compute_backend_service.function[var.default_function].id

    dynamic "path_rule" {
      for_each = var.routes
      content {
        paths   = path_rule.value
        service = google_compute_backend_service.function[path_rule.key].id
      }
    }
  }
}

resource "google_compute_managed_ssl_certificate" "api" {
  project = var.project_id
  name    = "${var.name}-cert"

  managed {
    domains = var.domains
  }
}

resource "google_compute_ssl_policy" "modern" {
  project         = var.project_id
  name            = "${var.name}-tls"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_target_https_proxy" "api" {
  project          = var.project_id
  name             = "${var.name}-https"
  url_map          = google_compute_url_map.api.id
  ssl_certificates = [google_compute_managed_ssl_certificate.api.id]
  ssl_policy       = google_compute_ssl_policy.modern.id
}

resource "google_compute_global_address" "api" {
  project = var.project_id
  name    = "${var.name}-ip"
}

resource "google_compute_global_forwarding_rule" "https" {
  project               = var.project_id
  name                  = "${var.name}-https"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.api.id
  port_range            = "443"
  target                = google_compute_target_https_proxy.api.id
}

# Plain HTTP answers a redirect to HTTPS and reaches no function.
resource "google_compute_url_map" "redirect" {
  project = var.project_id
  name    = "${var.name}-redirect"

  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "MOVED_PERMANENTLY_DEFAULT"
    strip_query            = false
  }
}

resource "google_compute_target_http_proxy" "redirect" {
  project = var.project_id
  name    = "${var.name}-http"
  url_map = google_compute_url_map.redirect.id
}

resource "google_compute_global_forwarding_rule" "http" {
  project               = var.project_id
  name                  = "${var.name}-http"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.api.id
  port_range            = "80"
  target                = google_compute_target_http_proxy.redirect.id
}
