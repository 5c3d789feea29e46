//go:build tools

// Package tools pins tflint and actionlint: go.mod records their versions, go.sum the hashes of
// everything their commands are built from.
package tools

import (
	_ "github.com/rhysd/actionlint/cmd/actionlint"
	_ "github.com/terraform-linters/tflint"
)
