//go:build tools

// Package tools pins OpenTofu: go.mod records its version and go.sum the hashes of everything
// its command is built from.
package tools

import _ "github.com/opentofu/opentofu/cmd/tofu"
