// Command userx-mongo is the local stand-in for MongoDB Atlas: FerretDB v1
// embedded as a library, storing its data in SQLite files.
//
// FerretDB is embedded rather than installed because its own command needs
// version files that are generated at release time and absent from the
// module, and because v2 requires PostgreSQL while v1 can use SQLite.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to serve the MongoDB wire protocol on")
	stateDir := flag.String("state-dir", "", "directory for the SQLite files (required; created if missing)")
	logLevel := flag.String("log-level", "error", "FerretDB log level: debug, info, warn or error")
	flag.Parse()

	if err := run(*listenAddr, *stateDir, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "userx-mongo:", err)
		os.Exit(1)
	}
}

func run(listenAddr, stateDir, logLevel string) error {
	if stateDir == "" {
		return fmt.Errorf("--state-dir is required")
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}

	dir, err := filepath.Abs(stateDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// FerretDB listens on a socket of its own; clients reach it through the
	// proxy that serializes writes (see write_serializer.go).
	socket := filepath.Join(dir, "ferretdb.sock")
	if err := os.Remove(socket); err != nil && !os.IsNotExist(err) {
		return err
	}

	db, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{Unix: socket},
		Logger:   slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})),
		Handler:  "sqlite",
		// The SQLite backend wants a file: URI naming a directory, with a trailing slash.
		SQLiteURL: (&url.URL{Scheme: "file", Path: dir + "/"}).String(),
	})
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", listenAddr)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		ln.Close()
	}()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	go func() {
		if err := serveSerialized(ln, func() (net.Conn, error) { return net.Dial("unix", socket) }, logger); err != nil {
			logger.Error("userx-mongo: proxy stopped", "error", err)
			stop()
		}
	}()

	// New has already bound the listener, so clients can connect from here on.
	fmt.Printf("userx-mongo: ready, listening on %s (data in %s)\n", listenAddr, dir)

	// Run returns once ctx is cancelled and every connection and SQLite file is
	// closed; FerretDB cuts connections that clients keep open 3 s after that.
	if err := db.Run(ctx); err != nil {
		return err
	}
	fmt.Println("userx-mongo: stopped")
	return nil
}
