package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// stateFile holds every key ring, crypto key and key version, material
// included. It is rewritten whole (to a temporary file, then renamed) after
// each change: changes are rare (creating keys, rotating), and a rename never
// leaves a half-written file behind.
const stateFile = "keys.json"

// state is everything the server knows; resource names are the map keys.
type state struct {
	KeyRings   map[string]*keyRing   `json:"keyRings"`
	CryptoKeys map[string]*cryptoKey `json:"cryptoKeys"`
}

type keyRing struct {
	CreateTime time.Time `json:"createTime"`
}

type cryptoKey struct {
	CreateTime time.Time         `json:"createTime"`
	Labels     map[string]string `json:"labels,omitempty"`
	// Primary is the number of the version Encrypt uses; 0 when there is none.
	Primary int `json:"primary"`
	// Versions[n-1] is version n: versions are numbered from 1 and never removed.
	Versions []*keyVersion `json:"versions"`
}

type keyVersion struct {
	CreateTime time.Time `json:"createTime"`
	// Material is the AES-256 key of this version (base64 in the file).
	Material []byte `json:"material"`
}

// store is the state and the file it is kept in.
type store struct {
	path  string
	state state
}

func openStore(dir string) (*store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// Only this user may read key material.
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, err
	}
	s := &store{
		path:  filepath.Join(abs, stateFile),
		state: state{KeyRings: map[string]*keyRing{}, CryptoKeys: map[string]*cryptoKey{}},
	}
	data, err := os.ReadFile(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &s.state); err != nil {
		return nil, fmt.Errorf("%s is not a key file of userx-kms: %w", s.path, err)
	}
	if s.state.KeyRings == nil {
		s.state.KeyRings = map[string]*keyRing{}
	}
	if s.state.CryptoKeys == nil {
		s.state.CryptoKeys = map[string]*cryptoKey{}
	}
	return s, nil
}

// save writes the whole state; the caller holds the server's write lock.
func (s *store) save() error {
	data, err := json.MarshalIndent(&s.state, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), stateFile+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), s.path)
}
