# The state prefix of staging: `tofu -chdir=terraform/stack init -backend-config=../envs/staging/backend.hcl -backend-config="bucket=…"`.
prefix = "userx/staging"
