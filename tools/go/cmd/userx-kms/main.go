// Command userx-kms is the local stand-in for Cloud KMS: a gRPC server on the
// official kmspb types that implements the part of the API User-X uses — key
// rings and crypto keys (Create, Get), ENCRYPT_DECRYPT keys with a primary
// version, rotation (CreateCryptoKeyVersion, UpdateCryptoKeyPrimaryVersion),
// and Encrypt and Decrypt with additional authenticated data and the CRC32C
// checksums the real service verifies and returns.
//
// No third-party KMS emulator can be installed from a package registry, hence
// this one. Each key version is an AES-256-GCM key; key material is kept in a
// JSON file under --state-dir, so what was encrypted stays readable across
// restarts, as long as the local database that holds the ciphertexts.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"cloud.google.com/go/kms/apiv1/kmspb"
	"google.golang.org/grpc"
)

// gracefulStopTimeout bounds how long in-flight calls may finish on shutdown.
const gracefulStopTimeout = 3 * time.Second

func main() {
	listenAddr := flag.String("listen-addr", "127.0.0.1:8095", "TCP address to serve the Cloud KMS gRPC API on")
	stateDir := flag.String("state-dir", "", "directory for the key material (required; created if missing)")
	logLevel := flag.String("log-level", "info", "log level: debug, info, warn or error")
	flag.Parse()

	if err := run(*listenAddr, *stateDir, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "userx-kms:", err)
		os.Exit(1)
	}
}

func run(listenAddr, stateDir, logLevel string) error {
	if stateDir == "" {
		return errors.New("--state-dir is required")
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	store, err := openStore(stateDir)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", listenAddr)
	if err != nil {
		return err
	}
	srv := newGRPCServer(newServer(store, time.Now), logger)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Printf("userx-kms: ready, listening on %s (keys in %s)\n", ln.Addr(), store.path)

	select {
	case <-ctx.Done():
	case <-parentGone(os.Getppid()):
		fmt.Println("userx-kms: the process that started it is gone")
	case err := <-served:
		return err
	}
	stopGracefully(srv)
	fmt.Println("userx-kms: stopped")
	return nil
}

// newGRPCServer serves the KMS service, logging every call (method, resource,
// outcome, latency; never a plaintext, a ciphertext or a key).
func newGRPCServer(kms kmspb.KeyManagementServiceServer, logger *slog.Logger) *grpc.Server {
	srv := grpc.NewServer(grpc.UnaryInterceptor(logCalls(logger)))
	kmspb.RegisterKeyManagementServiceServer(srv, kms)
	return srv
}

func stopGracefully(srv *grpc.Server) {
	done := make(chan struct{})
	go func() {
		srv.GracefulStop()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(gracefulStopTimeout):
		srv.Stop()
	}
}

// parentGone closes when this process is orphaned: the platform starts it in a
// process group of its own and stops it on a clean shutdown, but if the
// platform is killed instead, nothing else would stop this server and it
// would keep the port.
func parentGone(parent int) <-chan struct{} {
	gone := make(chan struct{})
	go func() {
		for os.Getppid() == parent {
			time.Sleep(time.Second)
		}
		close(gone)
	}()
	return gone
}
