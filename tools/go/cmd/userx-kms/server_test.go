package main

import (
	"bytes"
	"context"
	"hash/crc32"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"cloud.google.com/go/kms/apiv1/kmspb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

const (
	location = "projects/demo-userx/locations/us-central1"
	ringName = location + "/keyRings/userx"
	keyName  = ringName + "/cryptoKeys/secrets"
)

// startServer serves a KMS on a free port with its state in dir, and returns a
// client of it; both stop when the test ends, or earlier through the returned
// stop function.
func startServer(t *testing.T, dir string) (kmspb.KeyManagementServiceClient, func()) {
	t.Helper()
	store, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newGRPCServer(newServer(store, time.Now), slog.New(slog.NewTextHandler(io.Discard, nil)))
	go srv.Serve(ln)
	conn, err := grpc.NewClient(ln.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	stop := func() {
		conn.Close()
		srv.Stop()
	}
	t.Cleanup(stop)
	return kmspb.NewKeyManagementServiceClient(conn), stop
}

// withKey creates the key ring and an ENCRYPT_DECRYPT key with its first version.
func withKey(t *testing.T, kms kmspb.KeyManagementServiceClient) *kmspb.CryptoKey {
	t.Helper()
	ctx := context.Background()
	if _, err := kms.CreateKeyRing(ctx, &kmspb.CreateKeyRingRequest{Parent: location, KeyRingId: "userx"}); err != nil {
		t.Fatal(err)
	}
	key, err := kms.CreateCryptoKey(ctx, &kmspb.CreateCryptoKeyRequest{
		Parent:      ringName,
		CryptoKeyId: "secrets",
		CryptoKey:   &kmspb.CryptoKey{Purpose: kmspb.CryptoKey_ENCRYPT_DECRYPT},
	})
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func crc(data []byte) *wrapperspb.Int64Value {
	return wrapperspb.Int64(int64(crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli))))
}

func encrypt(t *testing.T, kms kmspb.KeyManagementServiceClient, plaintext, aad []byte) *kmspb.EncryptResponse {
	t.Helper()
	resp, err := kms.Encrypt(context.Background(), &kmspb.EncryptRequest{
		Name: keyName, Plaintext: plaintext, AdditionalAuthenticatedData: aad,
		PlaintextCrc32C: crc(plaintext), AdditionalAuthenticatedDataCrc32C: crc(aad),
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func decrypt(kms kmspb.KeyManagementServiceClient, ciphertext, aad []byte) (*kmspb.DecryptResponse, error) {
	return kms.Decrypt(context.Background(), &kmspb.DecryptRequest{
		Name: keyName, Ciphertext: ciphertext, AdditionalAuthenticatedData: aad,
		CiphertextCrc32C: crc(ciphertext), AdditionalAuthenticatedDataCrc32C: crc(aad),
	})
}

func wantCode(t *testing.T, err error, code codes.Code) {
	t.Helper()
	if status.Code(err) != code {
		t.Fatalf("got %v, want code %s", err, code)
	}
}

func TestCreatesAndGetsKeyRingsAndKeys(t *testing.T) {
	kms, _ := startServer(t, t.TempDir())
	ctx := context.Background()

	_, err := kms.GetKeyRing(ctx, &kmspb.GetKeyRingRequest{Name: ringName})
	wantCode(t, err, codes.NotFound)
	key := withKey(t, kms)

	if key.GetName() != keyName || key.GetPrimary().GetName() != keyName+"/cryptoKeyVersions/1" || key.GetPrimary().GetState() != kmspb.CryptoKeyVersion_ENABLED {
		t.Fatalf("unexpected key %v", key)
	}
	ring, err := kms.GetKeyRing(ctx, &kmspb.GetKeyRingRequest{Name: ringName})
	if err != nil || ring.GetName() != ringName {
		t.Fatalf("GetKeyRing: %v, %v", ring, err)
	}
	got, err := kms.GetCryptoKey(ctx, &kmspb.GetCryptoKeyRequest{Name: keyName})
	if err != nil || got.GetPurpose() != kmspb.CryptoKey_ENCRYPT_DECRYPT || got.GetPrimary().GetName() != key.GetPrimary().GetName() {
		t.Fatalf("GetCryptoKey: %v, %v", got, err)
	}

	_, err = kms.CreateKeyRing(ctx, &kmspb.CreateKeyRingRequest{Parent: location, KeyRingId: "userx"})
	wantCode(t, err, codes.AlreadyExists)
	_, err = kms.CreateCryptoKey(ctx, &kmspb.CreateCryptoKeyRequest{Parent: ringName, CryptoKeyId: "secrets", CryptoKey: &kmspb.CryptoKey{Purpose: kmspb.CryptoKey_ENCRYPT_DECRYPT}})
	wantCode(t, err, codes.AlreadyExists)
	_, err = kms.CreateCryptoKey(ctx, &kmspb.CreateCryptoKeyRequest{Parent: location + "/keyRings/none", CryptoKeyId: "secrets", CryptoKey: &kmspb.CryptoKey{Purpose: kmspb.CryptoKey_ENCRYPT_DECRYPT}})
	wantCode(t, err, codes.NotFound)
	_, err = kms.CreateKeyRing(ctx, &kmspb.CreateKeyRingRequest{Parent: location, KeyRingId: "no/slashes"})
	wantCode(t, err, codes.InvalidArgument)
}

func TestEncryptDecryptRoundTrip(t *testing.T) {
	kms, _ := startServer(t, t.TempDir())
	withKey(t, kms)
	plaintext, aad := []byte("a data key of 32 bytes, or so..."), []byte("webhook_endpoints/whe_1/secret")

	enc := encrypt(t, kms, plaintext, aad)

	if enc.GetName() != keyName+"/cryptoKeyVersions/1" {
		t.Errorf("encrypted with %q, want version 1", enc.GetName())
	}
	if !enc.GetVerifiedPlaintextCrc32C() || !enc.GetVerifiedAdditionalAuthenticatedDataCrc32C() {
		t.Errorf("checksums not reported verified: %v", enc)
	}
	if enc.GetCiphertextCrc32C().GetValue() != crc(enc.GetCiphertext()).GetValue() {
		t.Errorf("ciphertext_crc32c does not match the ciphertext")
	}
	if bytes.Contains(enc.GetCiphertext(), plaintext) {
		t.Errorf("the ciphertext carries the plaintext")
	}
	dec, err := decrypt(kms, enc.GetCiphertext(), aad)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(dec.GetPlaintext(), plaintext) || !dec.GetUsedPrimary() || dec.GetPlaintextCrc32C().GetValue() != crc(plaintext).GetValue() {
		t.Fatalf("unexpected decryption %v", dec)
	}
	// Two encryptions of one plaintext differ: each has a nonce of its own.
	if again := encrypt(t, kms, plaintext, aad); bytes.Equal(again.GetCiphertext(), enc.GetCiphertext()) {
		t.Errorf("the same ciphertext twice")
	}
}

func TestRefusesAnotherAADAndTampering(t *testing.T) {
	kms, _ := startServer(t, t.TempDir())
	withKey(t, kms)
	aad := []byte("webhook_endpoints/whe_1/secret")
	ciphertext := encrypt(t, kms, []byte("data key"), aad).GetCiphertext()

	_, err := decrypt(kms, ciphertext, []byte("webhook_endpoints/whe_2/secret"))
	wantCode(t, err, codes.InvalidArgument)
	_, err = decrypt(kms, ciphertext, nil)
	wantCode(t, err, codes.InvalidArgument)

	for _, at := range []int{0, 1, 4, headerBytes, len(ciphertext) - 1} {
		tampered := bytes.Clone(ciphertext)
		tampered[at] ^= 0x01
		_, err := decrypt(kms, tampered, aad)
		wantCode(t, err, codes.InvalidArgument)
	}
	_, err = decrypt(kms, ciphertext[:10], aad)
	wantCode(t, err, codes.InvalidArgument)
}

func TestVerifiesChecksums(t *testing.T) {
	kms, _ := startServer(t, t.TempDir())
	withKey(t, kms)
	ctx := context.Background()
	plaintext, aad := []byte("data key"), []byte("aad")

	_, err := kms.Encrypt(ctx, &kmspb.EncryptRequest{Name: keyName, Plaintext: plaintext, PlaintextCrc32C: crc([]byte("other"))})
	wantCode(t, err, codes.InvalidArgument)
	_, err = kms.Encrypt(ctx, &kmspb.EncryptRequest{Name: keyName, Plaintext: plaintext, AdditionalAuthenticatedData: aad, AdditionalAuthenticatedDataCrc32C: crc([]byte("other"))})
	wantCode(t, err, codes.InvalidArgument)

	// Without checksums in the request, none is reported verified.
	enc, err := kms.Encrypt(ctx, &kmspb.EncryptRequest{Name: keyName, Plaintext: plaintext, AdditionalAuthenticatedData: aad})
	if err != nil {
		t.Fatal(err)
	}
	if enc.GetVerifiedPlaintextCrc32C() || enc.GetVerifiedAdditionalAuthenticatedDataCrc32C() {
		t.Errorf("reported verified checksums that were not sent")
	}
	_, err = kms.Decrypt(ctx, &kmspb.DecryptRequest{Name: keyName, Ciphertext: enc.GetCiphertext(), AdditionalAuthenticatedData: aad, CiphertextCrc32C: crc([]byte("other"))})
	wantCode(t, err, codes.InvalidArgument)
}

func TestRotationKeepsOldCiphertextsReadable(t *testing.T) {
	kms, _ := startServer(t, t.TempDir())
	withKey(t, kms)
	ctx := context.Background()
	aad := []byte("webhook_endpoints/whe_1/secret")
	before := encrypt(t, kms, []byte("old data key"), aad)

	version, err := kms.CreateCryptoKeyVersion(ctx, &kmspb.CreateCryptoKeyVersionRequest{Parent: keyName, CryptoKeyVersion: &kmspb.CryptoKeyVersion{}})
	if err != nil {
		t.Fatal(err)
	}
	if version.GetName() != keyName+"/cryptoKeyVersions/2" {
		t.Fatalf("created %q, want version 2", version.GetName())
	}
	// A new version is not the primary until it is made so.
	if enc := encrypt(t, kms, []byte("x"), aad); enc.GetName() != keyName+"/cryptoKeyVersions/1" {
		t.Fatalf("encrypted with %q before the primary moved", enc.GetName())
	}
	key, err := kms.UpdateCryptoKeyPrimaryVersion(ctx, &kmspb.UpdateCryptoKeyPrimaryVersionRequest{Name: keyName, CryptoKeyVersionId: "2"})
	if err != nil {
		t.Fatal(err)
	}
	if key.GetPrimary().GetName() != version.GetName() {
		t.Fatalf("primary is %q", key.GetPrimary().GetName())
	}
	after := encrypt(t, kms, []byte("new data key"), aad)
	if after.GetName() != version.GetName() {
		t.Fatalf("encrypted with %q after rotation", after.GetName())
	}

	old, err := decrypt(kms, before.GetCiphertext(), aad)
	if err != nil || string(old.GetPlaintext()) != "old data key" || old.GetUsedPrimary() {
		t.Fatalf("old ciphertext: %v, %v", old, err)
	}
	current, err := decrypt(kms, after.GetCiphertext(), aad)
	if err != nil || string(current.GetPlaintext()) != "new data key" || !current.GetUsedPrimary() {
		t.Fatalf("new ciphertext: %v, %v", current, err)
	}
	_, err = kms.UpdateCryptoKeyPrimaryVersion(ctx, &kmspb.UpdateCryptoKeyPrimaryVersionRequest{Name: keyName, CryptoKeyVersionId: "3"})
	wantCode(t, err, codes.NotFound)
}

func TestStateSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	kms, stop := startServer(t, dir)
	withKey(t, kms)
	aad := []byte("aad")
	enc := encrypt(t, kms, []byte("kept across restarts"), aad)
	stop()

	info, err := os.Stat(filepath.Join(dir, stateFile))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		t.Errorf("the key file is readable by others: %v", info.Mode())
	}

	restarted, _ := startServer(t, dir)
	dec, err := decrypt(restarted, enc.GetCiphertext(), aad)
	if err != nil || string(dec.GetPlaintext()) != "kept across restarts" {
		t.Fatalf("after a restart: %v, %v", dec, err)
	}
	_, err = restarted.CreateKeyRing(context.Background(), &kmspb.CreateKeyRingRequest{Parent: location, KeyRingId: "userx"})
	wantCode(t, err, codes.AlreadyExists)
}

func TestEncryptNeedsAPrimaryVersion(t *testing.T) {
	kms, _ := startServer(t, t.TempDir())
	ctx := context.Background()
	if _, err := kms.CreateKeyRing(ctx, &kmspb.CreateKeyRingRequest{Parent: location, KeyRingId: "userx"}); err != nil {
		t.Fatal(err)
	}
	_, err := kms.CreateCryptoKey(ctx, &kmspb.CreateCryptoKeyRequest{
		Parent: ringName, CryptoKeyId: "secrets", SkipInitialVersionCreation: true,
		CryptoKey: &kmspb.CryptoKey{Purpose: kmspb.CryptoKey_ENCRYPT_DECRYPT},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = kms.Encrypt(ctx, &kmspb.EncryptRequest{Name: keyName, Plaintext: []byte("x")})
	wantCode(t, err, codes.FailedPrecondition)
	_, err = kms.CreateCryptoKey(ctx, &kmspb.CreateCryptoKeyRequest{
		Parent: ringName, CryptoKeyId: "signing", CryptoKey: &kmspb.CryptoKey{Purpose: kmspb.CryptoKey_ASYMMETRIC_SIGN},
	})
	wantCode(t, err, codes.Unimplemented)
}
