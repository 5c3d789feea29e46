package main

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"log/slog"
	"regexp"
	"strconv"
	"sync"
	"time"

	"cloud.google.com/go/kms/apiv1/kmspb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// The limits Cloud KMS applies to SOFTWARE keys.
const (
	maxPlaintextBytes = 64 * 1024
	maxAADBytes       = 64 * 1024
)

// A ciphertext is: format byte, key version number (4 bytes, big endian),
// nonce, then the AES-GCM output. Carrying the version lets Decrypt find the
// key that encrypted it after the primary has moved on, as Cloud KMS does.
// The header is authenticated along with the caller's AAD.
const (
	ciphertextFormat = 1
	headerBytes      = 1 + 4
	nonceBytes       = 12
	keyBytes         = 32
)

var (
	idPattern        = `[a-zA-Z0-9_-]{1,63}`
	locationName     = regexp.MustCompile(`^projects/[^/]+/locations/[^/]+$`)
	keyRingName      = regexp.MustCompile(`^projects/[^/]+/locations/[^/]+/keyRings/` + idPattern + `$`)
	cryptoKeyName    = regexp.MustCompile(`^(projects/[^/]+/locations/[^/]+/keyRings/` + idPattern + `)/cryptoKeys/` + idPattern + `$`)
	keyVersionName   = regexp.MustCompile(`^(projects/[^/]+/locations/[^/]+/keyRings/` + idPattern + `/cryptoKeys/` + idPattern + `)/cryptoKeyVersions/([1-9][0-9]*)$`)
	resourceID       = regexp.MustCompile(`^` + idPattern + `$`)
	castagnoli       = crc32.MakeTable(crc32.Castagnoli)
	errDecryptFailed = status.Error(codes.InvalidArgument, "Decryption failed: the ciphertext is invalid.")
)

type server struct {
	kmspb.UnimplementedKeyManagementServiceServer
	mu    sync.RWMutex
	store *store
	now   func() time.Time
}

func newServer(store *store, now func() time.Time) *server {
	return &server{store: store, now: now}
}

func (s *server) CreateKeyRing(_ context.Context, req *kmspb.CreateKeyRingRequest) (*kmspb.KeyRing, error) {
	if !locationName.MatchString(req.GetParent()) {
		return nil, invalidName("parent", req.GetParent())
	}
	if !resourceID.MatchString(req.GetKeyRingId()) {
		return nil, status.Errorf(codes.InvalidArgument, "key_ring_id %q must match %s", req.GetKeyRingId(), idPattern)
	}
	name := req.GetParent() + "/keyRings/" + req.GetKeyRingId()

	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.store.state.KeyRings[name]; ok {
		return nil, status.Errorf(codes.AlreadyExists, "KeyRing %s already exists.", name)
	}
	ring := &keyRing{CreateTime: s.now().UTC()}
	s.store.state.KeyRings[name] = ring
	if err := s.store.save(); err != nil {
		delete(s.store.state.KeyRings, name)
		return nil, internal(err)
	}
	return keyRingProto(name, ring), nil
}

func (s *server) GetKeyRing(_ context.Context, req *kmspb.GetKeyRingRequest) (*kmspb.KeyRing, error) {
	if !keyRingName.MatchString(req.GetName()) {
		return nil, invalidName("name", req.GetName())
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ring, ok := s.store.state.KeyRings[req.GetName()]
	if !ok {
		return nil, status.Errorf(codes.NotFound, "KeyRing %s not found.", req.GetName())
	}
	return keyRingProto(req.GetName(), ring), nil
}

func (s *server) CreateCryptoKey(_ context.Context, req *kmspb.CreateCryptoKeyRequest) (*kmspb.CryptoKey, error) {
	if !keyRingName.MatchString(req.GetParent()) {
		return nil, invalidName("parent", req.GetParent())
	}
	if !resourceID.MatchString(req.GetCryptoKeyId()) {
		return nil, status.Errorf(codes.InvalidArgument, "crypto_key_id %q must match %s", req.GetCryptoKeyId(), idPattern)
	}
	if purpose := req.GetCryptoKey().GetPurpose(); purpose != kmspb.CryptoKey_ENCRYPT_DECRYPT {
		return nil, status.Errorf(codes.Unimplemented, "userx-kms supports crypto keys of purpose ENCRYPT_DECRYPT only, not %s", purpose)
	}
	if template := req.GetCryptoKey().GetVersionTemplate(); template != nil {
		if a := template.GetAlgorithm(); a != kmspb.CryptoKeyVersion_CRYPTO_KEY_VERSION_ALGORITHM_UNSPECIFIED && a != kmspb.CryptoKeyVersion_GOOGLE_SYMMETRIC_ENCRYPTION {
			return nil, status.Errorf(codes.Unimplemented, "userx-kms supports algorithm GOOGLE_SYMMETRIC_ENCRYPTION only, not %s", a)
		}
	}
	name := req.GetParent() + "/cryptoKeys/" + req.GetCryptoKeyId()

	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.store.state.KeyRings[req.GetParent()]; !ok {
		return nil, status.Errorf(codes.NotFound, "KeyRing %s not found.", req.GetParent())
	}
	if _, ok := s.store.state.CryptoKeys[name]; ok {
		return nil, status.Errorf(codes.AlreadyExists, "CryptoKey %s already exists.", name)
	}
	key := &cryptoKey{CreateTime: s.now().UTC(), Labels: req.GetCryptoKey().GetLabels()}
	if !req.GetSkipInitialVersionCreation() {
		version, err := s.newVersion()
		if err != nil {
			return nil, internal(err)
		}
		key.Versions = []*keyVersion{version}
		key.Primary = 1
	}
	s.store.state.CryptoKeys[name] = key
	if err := s.store.save(); err != nil {
		delete(s.store.state.CryptoKeys, name)
		return nil, internal(err)
	}
	return cryptoKeyProto(name, key), nil
}

func (s *server) GetCryptoKey(_ context.Context, req *kmspb.GetCryptoKeyRequest) (*kmspb.CryptoKey, error) {
	if !cryptoKeyName.MatchString(req.GetName()) {
		return nil, invalidName("name", req.GetName())
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	key, err := s.cryptoKey(req.GetName())
	if err != nil {
		return nil, err
	}
	return cryptoKeyProto(req.GetName(), key), nil
}

// CreateCryptoKeyVersion adds a version; like Cloud KMS, it does not make it
// the primary: UpdateCryptoKeyPrimaryVersion does, which completes a rotation.
func (s *server) CreateCryptoKeyVersion(_ context.Context, req *kmspb.CreateCryptoKeyVersionRequest) (*kmspb.CryptoKeyVersion, error) {
	if !cryptoKeyName.MatchString(req.GetParent()) {
		return nil, invalidName("parent", req.GetParent())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.cryptoKey(req.GetParent())
	if err != nil {
		return nil, err
	}
	version, err := s.newVersion()
	if err != nil {
		return nil, internal(err)
	}
	key.Versions = append(key.Versions, version)
	if err := s.store.save(); err != nil {
		key.Versions = key.Versions[:len(key.Versions)-1]
		return nil, internal(err)
	}
	return versionProto(req.GetParent(), len(key.Versions), version), nil
}

func (s *server) UpdateCryptoKeyPrimaryVersion(_ context.Context, req *kmspb.UpdateCryptoKeyPrimaryVersionRequest) (*kmspb.CryptoKey, error) {
	if !cryptoKeyName.MatchString(req.GetName()) {
		return nil, invalidName("name", req.GetName())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.cryptoKey(req.GetName())
	if err != nil {
		return nil, err
	}
	number, err := strconv.Atoi(req.GetCryptoKeyVersionId())
	if err != nil || number < 1 || number > len(key.Versions) {
		return nil, status.Errorf(codes.NotFound, "CryptoKeyVersion %s/cryptoKeyVersions/%s not found.", req.GetName(), req.GetCryptoKeyVersionId())
	}
	previous := key.Primary
	key.Primary = number
	if err := s.store.save(); err != nil {
		key.Primary = previous
		return nil, internal(err)
	}
	return cryptoKeyProto(req.GetName(), key), nil
}

// Encrypt uses the primary version of a crypto key, or the version named.
func (s *server) Encrypt(_ context.Context, req *kmspb.EncryptRequest) (*kmspb.EncryptResponse, error) {
	keyName, number, err := encryptTarget(req.GetName())
	if err != nil {
		return nil, err
	}
	if len(req.GetPlaintext()) == 0 || len(req.GetPlaintext()) > maxPlaintextBytes {
		return nil, status.Errorf(codes.InvalidArgument, "plaintext must be 1 to %d bytes", maxPlaintextBytes)
	}
	if len(req.GetAdditionalAuthenticatedData()) > maxAADBytes {
		return nil, status.Errorf(codes.InvalidArgument, "additional_authenticated_data must be at most %d bytes", maxAADBytes)
	}
	if err := verifyChecksum("plaintext", req.GetPlaintext(), req.GetPlaintextCrc32C()); err != nil {
		return nil, err
	}
	if err := verifyChecksum("additional_authenticated_data", req.GetAdditionalAuthenticatedData(), req.GetAdditionalAuthenticatedDataCrc32C()); err != nil {
		return nil, err
	}

	s.mu.RLock()
	key, err := s.cryptoKey(keyName)
	if err == nil && number == 0 {
		number = key.Primary
		if number == 0 {
			err = status.Errorf(codes.FailedPrecondition, "CryptoKey %s has no primary version.", keyName)
		}
	}
	var version *keyVersion
	if err == nil {
		if number > len(key.Versions) {
			err = status.Errorf(codes.NotFound, "CryptoKeyVersion %s/cryptoKeyVersions/%d not found.", keyName, number)
		} else {
			version = key.Versions[number-1]
		}
	}
	s.mu.RUnlock()
	if err != nil {
		return nil, err
	}

	ciphertext, err := seal(version.Material, number, req.GetPlaintext(), req.GetAdditionalAuthenticatedData())
	if err != nil {
		return nil, internal(err)
	}
	return &kmspb.EncryptResponse{
		Name:                    versionName(keyName, number),
		Ciphertext:              ciphertext,
		CiphertextCrc32C:        checksum(ciphertext),
		VerifiedPlaintextCrc32C: req.GetPlaintextCrc32C() != nil,
		VerifiedAdditionalAuthenticatedDataCrc32C: req.GetAdditionalAuthenticatedDataCrc32C() != nil,
		ProtectionLevel: kmspb.ProtectionLevel_SOFTWARE,
	}, nil
}

// Decrypt takes a crypto key's name, never a version's: the version is read
// from the ciphertext.
func (s *server) Decrypt(_ context.Context, req *kmspb.DecryptRequest) (*kmspb.DecryptResponse, error) {
	if !cryptoKeyName.MatchString(req.GetName()) {
		return nil, invalidName("name", req.GetName())
	}
	if err := verifyChecksum("ciphertext", req.GetCiphertext(), req.GetCiphertextCrc32C()); err != nil {
		return nil, err
	}
	if err := verifyChecksum("additional_authenticated_data", req.GetAdditionalAuthenticatedData(), req.GetAdditionalAuthenticatedDataCrc32C()); err != nil {
		return nil, err
	}
	ciphertext := req.GetCiphertext()
	if len(ciphertext) < headerBytes+nonceBytes || ciphertext[0] != ciphertextFormat {
		return nil, errDecryptFailed
	}
	number := int(binary.BigEndian.Uint32(ciphertext[1:headerBytes]))

	s.mu.RLock()
	key, err := s.cryptoKey(req.GetName())
	var version *keyVersion
	if err == nil && number >= 1 && number <= len(key.Versions) {
		version = key.Versions[number-1]
	}
	primary := err == nil && number == key.Primary
	s.mu.RUnlock()
	if err != nil {
		return nil, err
	}
	if version == nil {
		return nil, errDecryptFailed
	}

	plaintext, err := open(version.Material, ciphertext, req.GetAdditionalAuthenticatedData())
	if err != nil {
		return nil, errDecryptFailed
	}
	return &kmspb.DecryptResponse{
		Plaintext:       plaintext,
		PlaintextCrc32C: checksum(plaintext),
		UsedPrimary:     primary,
		ProtectionLevel: kmspb.ProtectionLevel_SOFTWARE,
	}, nil
}

// cryptoKey looks a key up; the caller holds the lock.
func (s *server) cryptoKey(name string) (*cryptoKey, error) {
	key, ok := s.store.state.CryptoKeys[name]
	if !ok {
		return nil, status.Errorf(codes.NotFound, "CryptoKey %s not found.", name)
	}
	return key, nil
}

func (s *server) newVersion() (*keyVersion, error) {
	material := make([]byte, keyBytes)
	if _, err := rand.Read(material); err != nil {
		return nil, err
	}
	return &keyVersion{CreateTime: s.now().UTC(), Material: material}, nil
}

// encryptTarget splits a crypto key or key version name into the key's name
// and a version number, 0 meaning the primary.
func encryptTarget(name string) (string, int, error) {
	if cryptoKeyName.MatchString(name) {
		return name, 0, nil
	}
	if m := keyVersionName.FindStringSubmatch(name); m != nil {
		number, err := strconv.Atoi(m[2])
		if err == nil {
			return m[1], number, nil
		}
	}
	return "", 0, invalidName("name", name)
}

func seal(material []byte, number int, plaintext, aad []byte) ([]byte, error) {
	aead, err := newAEAD(material)
	if err != nil {
		return nil, err
	}
	out := make([]byte, headerBytes+nonceBytes, headerBytes+nonceBytes+len(plaintext)+aead.Overhead())
	out[0] = ciphertextFormat
	binary.BigEndian.PutUint32(out[1:headerBytes], uint32(number))
	if _, err := rand.Read(out[headerBytes:]); err != nil {
		return nil, err
	}
	return aead.Seal(out, out[headerBytes:], plaintext, authenticated(out[:headerBytes], aad)), nil
}

func open(material, ciphertext, aad []byte) ([]byte, error) {
	aead, err := newAEAD(material)
	if err != nil {
		return nil, err
	}
	nonce := ciphertext[headerBytes : headerBytes+nonceBytes]
	return aead.Open(nil, nonce, ciphertext[headerBytes+nonceBytes:], authenticated(ciphertext[:headerBytes], aad))
}

func newAEAD(material []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(material)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// authenticated is what GCM authenticates besides the plaintext: the header,
// so that a ciphertext cannot be pointed at another version, and the AAD.
func authenticated(header, aad []byte) []byte {
	return append(append(make([]byte, 0, len(header)+len(aad)), header...), aad...)
}

func checksum(data []byte) *wrapperspb.Int64Value {
	return wrapperspb.Int64(int64(crc32.Checksum(data, castagnoli)))
}

// verifyChecksum refuses data whose CRC32C the caller sent and that does not
// match it, with the message Cloud KMS gives.
func verifyChecksum(field string, data []byte, sum *wrapperspb.Int64Value) error {
	if sum == nil || sum.GetValue() == int64(crc32.Checksum(data, castagnoli)) {
		return nil
	}
	return status.Errorf(codes.InvalidArgument, "The checksum in field %s_crc32c did not match the data in field %s.", field, field)
}

func keyRingProto(name string, ring *keyRing) *kmspb.KeyRing {
	return &kmspb.KeyRing{Name: name, CreateTime: timestamppb.New(ring.CreateTime)}
}

func cryptoKeyProto(name string, key *cryptoKey) *kmspb.CryptoKey {
	proto := &kmspb.CryptoKey{
		Name:       name,
		Purpose:    kmspb.CryptoKey_ENCRYPT_DECRYPT,
		CreateTime: timestamppb.New(key.CreateTime),
		Labels:     key.Labels,
		VersionTemplate: &kmspb.CryptoKeyVersionTemplate{
			ProtectionLevel: kmspb.ProtectionLevel_SOFTWARE,
			Algorithm:       kmspb.CryptoKeyVersion_GOOGLE_SYMMETRIC_ENCRYPTION,
		},
	}
	if key.Primary > 0 {
		proto.Primary = versionProto(name, key.Primary, key.Versions[key.Primary-1])
	}
	return proto
}

func versionProto(keyName string, number int, version *keyVersion) *kmspb.CryptoKeyVersion {
	return &kmspb.CryptoKeyVersion{
		Name:            versionName(keyName, number),
		State:           kmspb.CryptoKeyVersion_ENABLED,
		ProtectionLevel: kmspb.ProtectionLevel_SOFTWARE,
		Algorithm:       kmspb.CryptoKeyVersion_GOOGLE_SYMMETRIC_ENCRYPTION,
		CreateTime:      timestamppb.New(version.CreateTime),
		GenerateTime:    timestamppb.New(version.CreateTime),
	}
}

func versionName(keyName string, number int) string {
	return fmt.Sprintf("%s/cryptoKeyVersions/%d", keyName, number)
}

func invalidName(field, name string) error {
	return status.Errorf(codes.InvalidArgument, "%s %q is not a valid resource name for this call", field, name)
}

func internal(err error) error {
	return status.Errorf(codes.Internal, "userx-kms: %v", err)
}

// logCalls logs each call with the resource it names; request bodies are not
// logged, since they carry plaintexts and ciphertexts.
func logCalls(logger *slog.Logger) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		start := time.Now()
		resp, err := handler(ctx, req)
		attrs := []any{"method", info.FullMethod, "resource", resourceOf(req), "code", status.Code(err).String(), "ms", time.Since(start).Milliseconds()}
		if err != nil {
			logger.Warn("call", append(attrs, "error", status.Convert(err).Message())...)
		} else {
			logger.Info("call", attrs...)
		}
		return resp, err
	}
}

func resourceOf(req any) string {
	switch r := req.(type) {
	case interface{ GetName() string }:
		return r.GetName()
	case interface{ GetParent() string }:
		return r.GetParent()
	}
	return ""
}
