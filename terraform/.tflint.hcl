# tflint's core rules (the bundled terraform ruleset, every rule on). The google and
# mongodbatlas rulesets are plugins that cannot be downloaded here, so none is configured; the
# deploy workflow's `tofu validate` and `plan` check what the providers know.
config {
  call_module_type = "local"
}

plugin "terraform" {
  enabled = true
  preset  = "all"
}
