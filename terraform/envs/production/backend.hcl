# The state prefix of production: `tofu -chdir=terraform/stack init -backend-config=../envs/production/backend.hcl -backend-config="bucket=…"`.
prefix = "userx/production"
